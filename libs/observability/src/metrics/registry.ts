import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

/**
 * The process's one Prometheus registry, served at `/metrics` in the text exposition
 * format (https://prometheus.io/docs/instrumenting/exposition_formats/). Each metric is
 * created once per process, where it is measured, through the helpers below: a second
 * call with the same name returns the first metric, so a module loaded twice (or two
 * services in one test process) never registers a name twice.
 */
export const metricsRegistry = new Registry();

let defaultsCollected = false;

/** Labels every series with `service` and adds Node's process metrics (CPU, memory, event-loop lag). */
export function labelMetricsWith(serviceName: string): void {
  metricsRegistry.setDefaultLabels({ service: serviceName });
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

export function counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return (metricsRegistry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [metricsRegistry] });
}

export function gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return (metricsRegistry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [metricsRegistry] });
}

export function histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return (metricsRegistry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [metricsRegistry] });
}

/**
 * Counts every occurrence of one kind of work and times the ones whose duration is known: a
 * counter labelled by `counted.labelNames` and a histogram of seconds labelled by
 * `timed.labelNames`, which must be some of the counter's (a histogram per outcome would
 * multiply its series for little use). Returns the recorder: `labels` are the counter's,
 * `seconds` (when given) goes into the histogram under the labels it shares.
 */
export function countedAndTimed<L extends string, T extends L>(
  counted: Omit<CounterConfiguration<L>, 'registers'>,
  timed: Omit<HistogramConfiguration<T>, 'registers'> & { labelNames: readonly T[] },
): (labels: Record<L, string>, seconds?: number) => void {
  const total = counter(counted);
  const duration = histogram(timed);
  return (labels, seconds) => {
    total.inc(labels);
    if (seconds === undefined) return;
    duration.observe(Object.fromEntries(timed.labelNames.map((name) => [name, labels[name]])) as Record<T, string>, seconds);
  };
}

/** Seconds from `from` to `to`, never below 0: the clocks of two hosts may disagree a little. */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / 1000);
}

const countedTotals = new WeakMap<Counter<string>, Map<string, number>>();

/**
 * Brings a counter up to a total kept elsewhere (a source that only counts up, such as
 * the relay's sends); called when Prometheus scrapes. rate() needs nothing more than a
 * value that never goes down.
 */
export function setCounterTotal<L extends string>(metric: Counter<L>, labels: Partial<Record<L, string>>, total: number): void {
  const totals = countedTotals.get(metric as Counter<string>) ?? new Map<string, number>();
  countedTotals.set(metric as Counter<string>, totals);
  const key = JSON.stringify(Object.entries(labels).sort());
  const delta = total - (totals.get(key) ?? 0);
  if (delta <= 0) return;
  totals.set(key, total);
  metric.inc(labels as never, delta);
}
