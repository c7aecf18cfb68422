import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * Static checks of the monitoring files against the code: the alert rules
 * (deploy/prometheus), the dashboard (deploy/grafana), the scrape set-up and the
 * lag autoscaler (k8s/). An expression that names a metric no code registers, or a
 * label the metric does not have, would be an alert that never fires.
 */

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface RegisteredMetric {
  name: string;
  kind: 'counter' | 'gauge' | 'histogram';
  labels: string[];
  file: string;
}

/** Labels every series carries: the registry's default `service`; histograms add `le` to buckets. */
const COMMON_LABELS = ['service'];
const OUR_METRIC = /\b((?:newsroom|http)_[a-z0-9_]+)\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1));
}

/**
 * Every metric the code creates through libs/observability's counter/gauge/histogram helpers,
 * and the counter and histogram of each countedAndTimed call, in that order.
 */
function registeredMetrics(): Map<string, RegisteredMetric> {
  const metrics = new Map<string, RegisteredMetric>();
  const call = /\b(counter|gauge|histogram)\(\{\s*name:\s*'([a-z_:][a-z0-9_:]*)'([\s\S]*?)\n\s*\}\)/g;
  const pair = /\bcountedAndTimed\(\s*\{\s*name:\s*'([a-z_:][a-z0-9_:]*)'([\s\S]*?)\},\s*\{\s*name:\s*'([a-z_:][a-z0-9_:]*)'([\s\S]*?)\}\s*,?\s*\)/g;
  for (const file of [...sourceFiles('apps'), ...sourceFiles('libs')]) {
    const source = read(file);
    const add = (kind: RegisteredMetric['kind'], name: string, rest: string) => metrics.set(name, { name, kind, labels: labelNamesIn(rest, source), file });
    for (const [, kind, name, rest] of source.matchAll(call)) add(kind as RegisteredMetric['kind'], name, rest);
    for (const [, total, totalRest, timed, timedRest] of source.matchAll(pair)) {
      add('counter', total, totalRest);
      add('histogram', timed, timedRest);
    }
  }
  return metrics;
}

/** A metric's `labelNames`: a literal list, or a constant list declared in the same file. */
function labelNamesIn(config: string, source: string): string[] {
  const [, literal, constant] = /labelNames:\s*(?:\[([^\]]*)\]|([A-Za-z_]\w*))/.exec(config) ?? [];
  const list = literal ?? (constant ? new RegExp(`const ${constant} = \\[([^\\]]*)\\]`).exec(source)?.[1] : undefined);
  return list?.match(/'([^']+)'/g)?.map((label) => label.slice(1, -1)) ?? [];
}

const METRICS = registeredMetrics();

/** The series names a metric exposes: histograms as _bucket, _count and _sum. */
function seriesOf(metric: RegisteredMetric): Map<string, string[]> {
  const labels = [...COMMON_LABELS, ...metric.labels];
  if (metric.kind !== 'histogram') return new Map([[metric.name, labels]]);
  return new Map([
    [`${metric.name}_bucket`, [...labels, 'le']],
    [`${metric.name}_count`, labels],
    [`${metric.name}_sum`, labels],
  ]);
}

const SERIES = new Map([...METRICS.values()].flatMap((metric) => [...seriesOf(metric)]));

/** Problems with one PromQL expression: unknown series, labels a series does not carry. */
function problemsOf(expr: string): string[] {
  const problems: string[] = [];
  const names = [...expr.matchAll(OUR_METRIC)].map((match) => match[1]);
  if (names.length === 0) problems.push(`names none of our metrics: ${expr}`);
  for (const name of names) if (!SERIES.has(name)) problems.push(`${name} is not registered by any code`);
  for (const [, name, selector] of expr.matchAll(/\b((?:newsroom|http)_[a-z0-9_]+)\{([^}]*)\}/g)) {
    for (const [, label] of selector.matchAll(/([a-z_]+)\s*(?:=~|!=|!~|=)/g)) {
      if (SERIES.has(name) && !SERIES.get(name)?.includes(label)) problems.push(`${name} has no label "${label}"`);
    }
  }
  for (const [, label] of expr.matchAll(/\bby\s*\(([^)]*)\)/g)) {
    for (const name of label.split(',').map((part) => part.trim())) {
      if (name && ![...SERIES.values()].some((labels) => labels.includes(name))) problems.push(`no metric has the label "${name}" (by)`);
    }
  }
  return problems;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) =>
      match[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

function expectLinkExists(link: string): void {
  const [path, anchor] = link.split('#');
  expect(existsSync(join(ROOT, path))).toBe(true);
  if (anchor) expect([...anchorsOf(read(path))]).toContain(anchor);
}

describe('monitoring files', () => {
  it('finds the metrics the code registers', () => {
    // A sanity check on the scan itself: one metric of each part of the pipeline.
    for (const name of ['http_requests_total', 'newsroom_outbox_oldest_unsent_age_seconds', 'newsroom_consumer_lag', 'newsroom_alert_delivery_seconds', 'newsroom_scheduled_stories']) {
      expect(METRICS.has(name)).toBe(true);
    }
    expect(METRICS.get('newsroom_alert_delivery_seconds')).toMatchObject({ kind: 'histogram', labels: ['channel'] });
    expect(METRICS.get('http_request_duration_seconds')).toMatchObject({ kind: 'histogram', labels: ['method', 'route', 'status'] });
    expect(METRICS.get('newsroom_events_consumed_total')).toMatchObject({ kind: 'counter', labels: ['topic', 'type', 'outcome'] });
    expect(METRICS.get('newsroom_event_age_seconds')).toMatchObject({ kind: 'histogram', labels: ['type'] });
  });

  it('tells a wrong expression from a right one', () => {
    expect(problemsOf('sum(rate(newsroom_relay_sent_total[5m]))')).toEqual([]);
    expect(problemsOf('sum(rate(newsroom_relay_sends_total[5m]))')).toEqual(['newsroom_relay_sends_total is not registered by any code']);
    expect(problemsOf('newsroom_consumer_lag{group="x"}')).toEqual(['newsroom_consumer_lag has no label "group"']);
    expect(problemsOf('sum by (le) (rate(newsroom_event_age_seconds_bucket{type="t"}[5m]))')).toEqual([]);
  });

  describe('deploy/prometheus/alerts.yaml', () => {
    const file = parse(read('deploy/prometheus/alerts.yaml')) as {
      groups: { name: string; rules: { alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> }[] }[];
    };
    const rules = file.groups.flatMap((group) => group.rules);

    it('has an alert for each SLO and pipeline stage', () => {
      const exprs = rules.map((rule) => rule.expr).join('\n');
      for (const name of ['newsroom_event_age_seconds_bucket', 'newsroom_outbox_oldest_unsent_age_seconds', 'newsroom_consumer_lag', 'newsroom_events_consumed_total{outcome="dead-lettered"}', 'newsroom_alert_delivery_seconds_bucket']) {
        expect(exprs).toContain(name);
      }
      expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
    });

    it.each(rules.map((rule) => [rule.alert, rule] as const))('%s: known metrics and labels, a severity, a summary and a runbook that exists', (_, rule) => {
      expect(problemsOf(rule.expr)).toEqual([]);
      expect(['page', 'warn']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toEqual(expect.any(String));
      expect(rule.annotations.description).toEqual(expect.any(String));
      expectLinkExists(rule.annotations.runbook_url);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
    });
  });

  describe('deploy/grafana/newsroom-dashboard.json', () => {
    const dashboard = JSON.parse(read('deploy/grafana/newsroom-dashboard.json')) as {
      uid: string;
      panels: { id: number; title: string; targets: { expr: string; refId: string }[] }[];
    };

    it('is a dashboard with unique panel ids, each with at least one query', () => {
      expect(dashboard.uid).toBe('newsroom-overview');
      expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
      for (const panel of dashboard.panels) expect(panel.targets.length).toBeGreaterThan(0);
    });

    it('queries only metrics and labels the code registers', () => {
      const problems = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => problemsOf(target.expr).map((problem) => `${panel.title}: ${problem}`)));
      expect(problems).toEqual([]);
    });

    it('shows the delivery SLO: the share handed off within 2 minutes, a bucket edge of the histogram', () => {
      const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
      expect(exprs.some((expr) => expr.includes('newsroom_alert_delivery_seconds_bucket{le="120"}'))).toBe(true);
      expect(read('apps/notifications/src/alerts/alert-metrics.ts')).toMatch(/DELIVERY_BUCKETS = \[[^\]]*\b120\b/);
    });
  });

  describe('k8s/', () => {
    const documentsOf = (path: string) => parseAllDocuments(read(path)).map((document) => document.toJSON() as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    const apps = readdirSync(join(ROOT, 'k8s/apps')).map((file) => file.replace(/\.yaml$/, ''));

    it.each(apps)('%s: pods carry the scrape annotations for the container’s http port', (app) => {
      const documents = documentsOf(`k8s/apps/${app}.yaml`);
      const deployment = documents.find((document) => document.kind === 'Deployment');
      const annotations = deployment?.spec.template.metadata.annotations ?? {};
      const httpPort = deployment?.spec.template.spec.containers[0].ports.find((port: { name: string }) => port.name === 'http');
      expect(annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(httpPort.containerPort), 'prometheus.io/path': '/metrics' });
      const service = documents.find((document) => document.kind === 'Service');
      const monitor = documentsOf('deploy/kubernetes/monitoring/service-monitor.yaml')[0];
      // The ServiceMonitor selects this Service and scrapes its `http` port.
      expect(service?.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
      expect(service?.spec.ports.map((port: { name: string }) => port.name)).toContain(monitor.spec.endpoints[0].port);
    });

    it('autoscales every consumer on its lag with KEDA, and removes the HPAs KEDA replaces', () => {
      const scaled = documentsOf('deploy/kubernetes/keda/scaled-objects.yaml');
      // The desk consumes no events, so it has no lag to scale on; its CPU autoscaler stays.
      const consumers = apps.filter((app) => app !== 'desk');
      expect(scaled.map((object) => object.spec.scaleTargetRef.name).sort()).toEqual([...consumers].sort());
      for (const object of scaled) {
        expect(object).toMatchObject({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', spec: { scaleTargetRef: { kind: 'Deployment' } } });
        const lag = object.spec.triggers.find((trigger: { type: string }) => trigger.type === 'prometheus');
        expect(problemsOf(lag.metadata.query)).toEqual([]);
        expect(lag.metadata.query).toContain(`service="${object.metadata.name}"`);
        expect(Number(lag.metadata.threshold)).toBeGreaterThan(0);
      }
      const kustomization = parse(read('deploy/kubernetes/keda/kustomization.yaml')) as { resources: string[]; patches: { target: { kind: string; name: string }; patch: string }[] };
      expect(kustomization.resources).toEqual(['../../../k8s', 'scaled-objects.yaml']);
      const deletion = kustomization.patches.find((patch) => patch.target.kind === 'HorizontalPodAutoscaler');
      expect(deletion?.patch).toContain('$patch: delete');
      for (const app of consumers) {
        if (documentsOf(`k8s/apps/${app}.yaml`).some((document) => document.kind === 'HorizontalPodAutoscaler')) expect(app).toMatch(new RegExp(`^${deletion?.target.name}$`));
      }
    });
  });
});
