/**
 * The product's core, through the public HTTP APIs of four separate service
 * processes: a reporter's story is reviewed (changes requested, revised,
 * approved by another editor), goes live at its URL with the approved text,
 * and reaches exactly the subscribers who follow its section — once each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';

jest.setTimeout(240_000);

const reporter = { role: 'reporter' as const, user: 'rhea.reporter' };
const firstEditor = { role: 'editor' as const, user: 'eddie.editor' };
const secondEditor = { role: 'editor' as const, user: 'erin.editor' };
const reporterWhoEdits = { role: ['reporter', 'editor'] as ('reporter' | 'editor')[], user: 'sam.both' };

interface DraftView {
  id: string;
  status: string;
  version: number;
  publicUrl: string | null;
  activity: { kind: string; note: string | null }[];
}

function sample(file: string): Record<string, unknown> {
  const text = readFileSync(path.resolve(__dirname, '../tools/seed/articles', file), 'utf8');
  return JSON.parse(text.replaceAll('{{PUBLIC_BASE_URL}}', 'http://localhost:3003')) as Record<string, unknown>;
}

describe('article lifecycle: draft → review → publish → alert', () => {
  let newsroom: NewsroomUnderTest;

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start();
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  async function subscribeByEmail(email: string, sections: string[], confirm: boolean): Promise<void> {
    const signup = await newsroom.call('notifications', 'POST', '/v1/subscribers', null, { email, sections });
    expect(signup.status).toBe(202);
    const confirmation = await newsroom.mail.waitFor((mail) => mail.to.includes(email), 15_000);
    const link = /https?:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+/.exec(confirmation.text)?.[0];
    expect(link).toBeDefined();
    // The link opens a page whose button posts to the same address.
    if (confirm) expect((await fetch(link as string, { method: 'POST' })).status).toBe(200);
  }

  it('takes a story from a reporter to readers and subscribers, with every rule enforced', async () => {
    // Readers sign up first: one confirmed politics reader, one who never confirms, one culture reader, one push subscriber.
    await subscribeByEmail('politics.reader@example.com', ['politics'], true);
    await subscribeByEmail('unconfirmed.reader@example.com', ['politics'], false);
    await subscribeByEmail('culture.reader@example.com', ['culture'], true);
    const pushSubscriber = await newsroom.push.subscribeTo(newsroom.url('notifications'), { sections: ['politics'], tags: [], breakingOnly: false });
    const pushSubscriptionId = new URL(pushSubscriber.subscription.endpoint).pathname.split('/').pop();

    // The reporter writes and submits.
    const article = sample('01-harwick-night-freight-ban.json');
    expect(article.section).toBe('politics');
    const created = await newsroom.call<DraftView>('drafting', 'POST', '/v1/drafts', reporter, article);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);

    // The first editor claims it and asks for changes.
    await eventually('the review item', async () => {
      const item = await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, firstEditor);
      return item.status === 200 ? item.body : undefined;
    });
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, firstEditor)).status).toBe(200);
    const note = 'Please attribute the second quote and tighten the headline.';
    const requested = await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/request-changes`, firstEditor, { note });
    expect(requested.status).toBe(200);

    // The reporter sees the status and the note, and revises with optimistic concurrency.
    const returned = await eventually('the change request on the draft', async () => {
      const draft = await newsroom.call<DraftView>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
      return draft.body.status === 'changes_requested' ? draft.body : undefined;
    });
    expect(returned.activity.map((entry) => entry.note)).toContain(note);
    const revisedHeadline = 'Harwick council bans night-time freight from the old town';
    const edited = await newsroom.call<DraftView>('drafting', 'PATCH', `/v1/drafts/${id}`, reporter, { headline: revisedHeadline }, {
      'if-match': `"${returned.version}"`,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(returned.version + 1);
    // A second edit made on the version before that one is refused, and loses nothing.
    const stale = await newsroom.call<{ error: { code: string } }>('drafting', 'PATCH', `/v1/drafts/${id}`, reporter, { headline: 'stale edit' }, {
      'if-match': `"${returned.version}"`,
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('DRAFT.VERSION_CONFLICT');
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);

    // The second editor sees the earlier note and the diff, and approves.
    const resubmitted = await eventually('the resubmission in review', async () => {
      const item = await newsroom.call<{ status: string; diff?: unknown }>('editorial-review', 'GET', `/v1/reviews/${id}`, secondEditor);
      return item.body.status === 'pending' && item.body.diff ? item.body : undefined;
    });
    expect(JSON.stringify(resubmitted)).toContain(note);
    expect(JSON.stringify(resubmitted.diff)).toContain('bans');
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, secondEditor)).status).toBe(200);
    const approvedAt = Date.now();
    const approved = await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, secondEditor, { priority: 'normal' });
    expect(approved.status).toBe(200);

    // The page is served at its URL with the approved text.
    const published = await eventually('the published draft', async () => {
      const draft = await newsroom.call<DraftView>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
      return draft.body.status === 'published' && draft.body.publicUrl ? draft.body : undefined;
    });
    const pagePath = new URL(published.publicUrl as string).pathname;
    const page = await fetch(newsroom.url('publishing', pagePath));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(revisedHeadline);
    expect(html).not.toContain('stale edit');

    // Exactly one email to the confirmed politics reader, nothing to the others; exactly one push.
    const email = await newsroom.mail.waitFor((mail) => mail.to.includes('politics.reader@example.com') && mail.subject.includes('Harwick'), 30_000);
    expect(email.text).toContain(pagePath);
    expect(email.html).toContain(pagePath);
    expect(email.headers['list-unsubscribe']).toMatch(/unsubscribe/);
    const push = await newsroom.push.waitFor((received) => received.subscriptionId === pushSubscriptionId, 30_000);
    const payload = push.payload as { title: string; body: string; url: string; tag: string };
    expect(payload.title).toContain('Harwick');
    expect(payload.url).toContain(pagePath);
    expect(payload.tag).toBe(id);
    const alertedWithinMs = Date.now() - approvedAt;
    expect(alertedWithinMs).toBeGreaterThan(0);

    // Give a duplicate time to show up if the pipeline were to send one.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const alertsFor = (address: string) => newsroom.mail.messages().filter((mail) => mail.to.includes(address) && mail.subject.includes('Harwick'));
    expect(alertsFor('politics.reader@example.com')).toHaveLength(1);
    expect(alertsFor('unconfirmed.reader@example.com')).toHaveLength(0);
    expect(alertsFor('culture.reader@example.com')).toHaveLength(0);
    expect(newsroom.push.received().filter((received) => received.subscriptionId === pushSubscriptionId)).toHaveLength(1);

    // Editors can read the delivery log.
    const deliveries = await newsroom.call<unknown>('notifications', 'GET', `/v1/deliveries?articleId=${id}`, secondEditor);
    expect(deliveries.status).toBe(200);
    expect(JSON.stringify(deliveries.body)).toMatch(/"email"/);
    expect(JSON.stringify(deliveries.body)).toMatch(/"push"/);
  });

  it('brings back a story an editor took off the site: a new revision, reviewed again, at the same address', async () => {
    const created = await newsroom.call<DraftView>('drafting', 'POST', '/v1/drafts', reporter, sample('03-bakery-chain-four-day-week.json'));
    const id = created.body.id;
    const approveAs = async (editor: typeof firstEditor): Promise<void> => {
      await eventually('the submission in review', async () => {
        const item = await newsroom.call<{ status: string }>('editorial-review', 'GET', `/v1/reviews/${id}`, editor);
        return item.status === 200 && item.body.status === 'pending' ? item.body : undefined;
      });
      expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor)).status).toBe(200);
      expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, editor, { priority: 'normal' })).status).toBe(200);
    };
    const draftWhen = (label: string, done: (draft: DraftView) => boolean) =>
      eventually(label, async () => {
        const draft = await newsroom.call<DraftView>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
        return done(draft.body) ? draft.body : undefined;
      });
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
    await approveAs(firstEditor);
    const live = await draftWhen('the story live', (draft) => draft.status === 'published' && draft.publicUrl !== null);
    const pagePath = new URL(live.publicUrl as string).pathname;

    // Pulled for a fact check: the page answers "gone", the reporter's copy says withdrawn.
    expect((await newsroom.call('publishing', 'POST', `/v1/articles/${id}/unpublish`, secondEditor, { reason: 'Figures under check' })).status).toBe(200);
    expect((await fetch(newsroom.url('publishing', pagePath))).status).toBe(410);
    const withdrawn = await draftWhen('the withdrawal on the draft', (draft) => draft.status === 'withdrawn');

    // The reporter puts it right in a new revision, which goes through review again.
    const revision = await newsroom.call<DraftView>('drafting', 'POST', `/v1/drafts/${id}/revisions`, reporter, undefined, { 'if-match': `"${withdrawn.version}"` });
    expect([revision.status, revision.body.status]).toEqual([201, 'draft']);
    const corrected = 'Bakery chain keeps four-day week after a year, with checked figures';
    const edited = await newsroom.call<DraftView>('drafting', 'PATCH', `/v1/drafts/${id}`, reporter, { headline: corrected }, { 'if-match': `"${revision.body.version}"` });
    expect(edited.status).toBe(200);
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
    await approveAs(secondEditor);

    // Back on the site at the same address, with the corrected text; the reporter sees it live.
    const back = await draftWhen('the story live again', (draft) => draft.status === 'published' && draft.version === edited.body.version);
    expect(back.publicUrl).toBe(live.publicUrl);
    const page = await eventually('the page again', async () => {
      const answer = await fetch(newsroom.url('publishing', pagePath));
      return answer.status === 200 ? answer.text() : undefined;
    });
    expect(page).toContain(corrected);
  });

  /** A sample story written and submitted by the reporter, claimed by `editor` once review has it; returns its id. */
  async function claimedBy(editor: typeof firstEditor, file: string): Promise<string> {
    const created = await newsroom.call<DraftView>('drafting', 'POST', '/v1/drafts', reporter, sample(file));
    const id = created.body.id;
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
    await eventually('the submission in review', async () => {
      const item = await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor);
      return item.status === 200 ? item.body : undefined;
    });
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor)).status).toBe(200);
    return id;
  }

  it('publishes the words the reviewing editor sub-edited, and nobody else edits them', async () => {
    const id = await claimedBy(firstEditor, '02-river-towns-flood-warning-pact.json');
    const subEdit = (editor: typeof firstEditor, version: number, changes: Record<string, unknown>) =>
      newsroom.call<DraftView & { error?: { code: string } }>('drafting', 'POST', `/v1/drafts/${id}/sub-edits`, editor, changes, { 'if-match': `"${version}"` });
    // Drafting hears of the claim over the event bus: the editor's edit goes through once it has.
    // The editor tightens the headline and refiles the story (section and tags) in the same edit.
    const headline = 'River towns sign a shared flood warning pact';
    const edited = await eventually('the sub-edit accepted', async () => {
      const answer = await subEdit(firstEditor, 1, { headline, section: 'climate', tags: ['flooding', 'early-warning'] });
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(edited).toMatchObject({ status: 'in_review', version: 2 });
    // Nobody else edits it: the reporter, another editor.
    expect((await subEdit(secondEditor, 2, { headline: 'Not mine' })).body.error?.code).toBe('DRAFT.NOT_REVIEWER');
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/sub-edits`, reporter, { headline: 'Mine' }, { 'if-match': '"2"' })).status).toBe(403);

    // Review holds the edit, still with the editor who made it, and they approve those words.
    const review = await eventually('the sub-edit in review', async () => {
      const item = await newsroom.call<{ status: string; assigneeId: string; revision: number; headline: string; section: string; submissions: { revision: number; editedBy: string | null }[] }>('editorial-review', 'GET', `/v1/reviews/${id}`, firstEditor);
      return item.body.revision === 2 ? item.body : undefined;
    });
    expect(review).toMatchObject({ status: 'in_review', assigneeId: firstEditor.user, headline, section: 'climate' });
    expect(review.submissions.map((s) => [s.revision, s.editedBy])).toEqual([[1, null], [2, firstEditor.user]]);
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, firstEditor, { priority: 'normal' })).status).toBe(200);

    const live = await eventually('the story live', async () => {
      const draft = await newsroom.call<DraftView>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
      return draft.body.status === 'published' && draft.body.publicUrl ? draft.body : undefined;
    });
    expect(live.version).toBe(2);
    expect(live.activity.map((a) => a.kind)).toContain('sub_edited');
    const page = await eventually('the page', async () => {
      const answer = await fetch(newsroom.url('publishing', new URL(live.publicUrl as string).pathname));
      return answer.status === 200 ? answer.text() : undefined;
    });
    expect(page).toContain(headline);
    // Filed where the editor put it: the climate section's page lists it, under the tags they chose.
    expect(page).toContain('href="/tags/early-warning"');
    expect(page).not.toContain('href="/tags/danube"');
    const climate = await eventually('the section page', async () => {
      const answer = await fetch(newsroom.url('publishing', '/sections/climate'));
      const html = answer.status === 200 ? await answer.text() : '';
      return html.includes(headline) ? html : undefined;
    });
    expect(climate).toContain(new URL(live.publicUrl as string).pathname);
  });

  it('sends a sub-edit that reaches review after a take-over back to the queue, so nobody approves words unseen', async () => {
    const id = await claimedBy(firstEditor, '05-salt-marsh-carbon-survey.json');
    await eventually('drafting knows the claim', async () => {
      const draft = await newsroom.call<DraftView & { reviewerId: string | null }>('drafting', 'GET', `/v1/drafts/${id}`, firstEditor);
      return draft.body.reviewerId === firstEditor.user ? draft.body : undefined;
    });
    // The second editor takes it over; the first editor's edit is made before drafting hears of it.
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, secondEditor, { takeOver: true })).status).toBe(200);
    const late = await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/sub-edits`, firstEditor, { headline: 'Edited by the editor who held it' }, { 'if-match': '"1"' });
    if (late.status === 200) {
      // It reached review after the take-over: back in the queue, unassigned, for someone to read.
      const review = await eventually('the late sub-edit in review', async () => {
        const item = await newsroom.call<{ status: string; assigneeId: string | null; revision: number }>('editorial-review', 'GET', `/v1/reviews/${id}`, secondEditor);
        return item.body.revision === 2 ? item.body : undefined;
      });
      expect(review).toMatchObject({ status: 'pending', assigneeId: null });
    } else {
      // Drafting had heard of the take-over already: refused.
      expect((late.body as { error: { code: string } }).error.code).toBe('DRAFT.NOT_REVIEWER');
    }
  });

  it('refuses to let anyone approve an article they wrote', async () => {
    const created = await newsroom.call<DraftView>('drafting', 'POST', '/v1/drafts', reporterWhoEdits, sample('06-tram-depot-film-festival.json'));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporterWhoEdits)).status).toBe(202);
    await eventually('the review item', async () => {
      const item = await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, firstEditor);
      return item.status === 200 ? item.body : undefined;
    });
    const selfApproval = await newsroom.call<{ error: { code: string } }>('editorial-review', 'POST', `/v1/reviews/${id}/approve`, reporterWhoEdits, {});
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.code).toBe('ARTICLE.SELF_APPROVAL');
  });
});
