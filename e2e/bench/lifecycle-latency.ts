/**
 * Measures, over N articles (default 20), the time from an editor's approve
 * request to (a) the public page answering 200 with the article and (b) the
 * alert email and web push arriving at a subscriber. Runs the four services
 * as processes on a fresh database and local broker, like the e2e suite.
 *
 *   npm run bench -- 20
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NewsroomUnderTest, eventually } from '../support/newsroom-under-test';

const editor = { role: 'editor' as const, user: 'bench-editor' };
const reporter = { role: 'reporter' as const, user: 'bench-reporter' };

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '20');
  const newsroom = await NewsroomUnderTest.start();
  try {
    const base = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../tools/seed/articles/01-harwick-night-freight-ban.json'), 'utf8').replaceAll(
        '{{PUBLIC_BASE_URL}}',
        'http://localhost:3003',
      ),
    ) as Record<string, unknown>;
    await newsroom.call('notifications', 'POST', '/v1/subscribers', null, { email: 'bench@example.com', sections: ['politics'] });
    const confirmation = await newsroom.mail.waitFor((mail) => mail.to.includes('bench@example.com'), 15_000);
    const link = /https?:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+/.exec(confirmation.text)?.[0];
    if (!link) throw new Error('no confirmation link');
    await fetch(link);
    const push = await newsroom.push.subscribeTo(newsroom.url('notifications'), { sections: ['politics'], tags: [], breakingOnly: false });
    const pushId = new URL(push.subscription.endpoint).pathname.split('/').pop();

    const page: number[] = [];
    const email: number[] = [];
    const webPush: number[] = [];
    for (let i = 1; i <= count; i += 1) {
      const headline = `Benchmark story ${i}: council publishes its budget ${Date.now()}`;
      const draft = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, { ...base, headline });
      const id = draft.body.id;
      await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter);
      await eventually('review item', async () => ((await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor)).status === 200 ? true : undefined));
      await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor);

      const approvedAt = performance.now();
      const approve = await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, editor, { priority: 'normal' });
      if (approve.status >= 300) throw new Error(`approve failed: ${approve.status} ${JSON.stringify(approve.body)}`);
      const pageDone = (async () => {
        const article = await eventually(
          'article in the API',
          async () => {
            const response = await newsroom.call<{ slug: string }>('publishing', 'GET', `/v1/articles/${id}`, null);
            return response.status === 200 ? response.body : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 5 },
        );
        const response = await fetch(newsroom.url('publishing', `/articles/${article.slug}`));
        if (response.status !== 200 || !(await response.text()).includes(`Benchmark story ${i}:`)) throw new Error('page not served');
        page.push(performance.now() - approvedAt);
      })();
      const emailDone = newsroom.mail
        .waitFor((mail) => mail.subject.includes(`Benchmark story ${i}:`), 30_000)
        .then(() => email.push(performance.now() - approvedAt));
      const pushDone = newsroom.push
        .waitFor((received) => received.subscriptionId === pushId && (received.payload as { tag?: string })?.tag === id, 30_000)
        .then(() => webPush.push(performance.now() - approvedAt));
      await Promise.all([pageDone, emailDone, pushDone]);
      process.stdout.write('.');
    }
    console.log(`\n\nApprove → outcome over ${count} articles (ms)`);
    console.table({ 'page served': stats(page), 'email received': stats(email), 'push received': stats(webPush) });
  } finally {
    await newsroom.stop();
  }
}

function stats(values: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { n: values.length, min: round(sorted[0]), median: round(median), p90: round(at(0.9)), max: round(sorted[sorted.length - 1]) };
}

const round = (value: number) => Math.round(value);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
