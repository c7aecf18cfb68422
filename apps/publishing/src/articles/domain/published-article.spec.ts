import { thrownBy } from '@newsroom/testing';
import { testContent } from '../../../test/test-articles';
import { PublishedArticle, type Approval } from './published-article';

const ID = '5150485c-452c-4066-a93f-52483f84c08b';
const t = (iso: string) => new Date(`2025-11-21T${iso}Z`);

function approval(revision: number, overrides: Partial<Approval> = {}): Approval {
  return {
    revision,
    content: testContent({ headline: `Revision ${revision}` }),
    priority: 'normal',
    authorId: 'reporter-rob',
    editorId: 'editor-eve',
    approvedAt: t(`09:0${revision}:00`),
    ...overrides,
  };
}

function scheduledArticle(revision: number, publishAt: Date, now = t('10:00:00')): PublishedArticle {
  return PublishedArticle.approved(ID, approval(revision, { publishAt: publishAt.toISOString() }), now).article;
}

function liveArticle(revision = 1, now = t('10:00:00')): PublishedArticle {
  const { article } = PublishedArticle.approved(ID, approval(revision), now);
  article.goLive(now, 'revision-1');
  return article;
}

describe(PublishedArticle.name, () => {
  describe('a first approval', () => {
    it('without a time is due at once', () => {
      const now = t('10:00:00');
      const { article, outcome } = PublishedArticle.approved(ID, approval(1), now);
      expect(outcome).toEqual({ kind: 'due' });
      expect(article.status).toBe('scheduled');
      expect(article.isDue(now)).toBe(true);
      expect(article.needsSlug).toBe(true);
    });

    it('with a future time waits for it', () => {
      const { article, outcome } = PublishedArticle.approved(ID, approval(1, { publishAt: t('12:00:00').toISOString() }), t('10:00:00'));
      expect(outcome).toEqual({ kind: 'scheduled', dueAt: t('12:00:00') });
      expect(article.snapshot().live).toBeNull();
      expect(article.isDue(t('11:59:59'))).toBe(false);
      expect(article.isDue(t('12:00:00'))).toBe(true);
    });

    it('waits for the later of schedule and embargo', () => {
      const { outcome } = PublishedArticle.approved(
        ID,
        approval(1, { publishAt: t('12:00:00').toISOString(), embargoUntil: t('13:00:00').toISOString() }),
        t('10:00:00'),
      );
      expect(outcome).toEqual({ kind: 'scheduled', dueAt: t('13:00:00') });
    });

    it('is refused when the approving editor is the author: ARTICLE.SELF_APPROVAL', () => {
      const error = thrownBy(() => PublishedArticle.approved(ID, approval(1, { editorId: 'reporter-rob' }), t('10:00:00')));
      expect(error).toMatchObject({ code: 'ARTICLE.SELF_APPROVAL', kind: 'forbidden' });
    });

    // Review never approves a text that fails these checks; the event format keeps any link
    // target and any quote as typed, so an approval carrying one is forged or broken.
    it.each([
      ['a javascript: link', { body: [{ type: 'paragraph', text: 'Read [the order](javascript:alert(1)).' }] }, 'UNSAFE_LINK', 'body.0.text'],
      ['a data: link in a quote', { body: [{ type: 'quote', text: 'See [this](data:text/html,x).', attribution: 'A clerk' }] }, 'UNSAFE_LINK', 'body.0.text'],
      ['a relative link', { body: [{ type: 'paragraph', text: 'Read [the order](/order).' }] }, 'UNSAFE_LINK', 'body.0.text'],
    ])('is refused when the approved text has %s: ARTICLE.BLOCKING_CHECKS naming UNSAFE_LINK', (_, content, check, path) => {
      const error = thrownBy(() => PublishedArticle.approved(ID, approval(1, { content: testContent(content) }), t('10:00:00')));
      expect(error).toMatchObject({ code: 'ARTICLE.BLOCKING_CHECKS', kind: 'conflict', details: [expect.objectContaining({ code: check, path })] });
      expect(error.message).toContain('The approved article cannot go live');
    });

    // Review's judgement, made when it approved; checked again, a rule added later would drop
    // stories approved before it from a read model rebuilt from the topic.
    it('is not refused for the other checks (no standfirst, a quote without attribution, a long headline)', () => {
      const content = testContent({
        standfirst: undefined,
        headline: 'A headline far longer than the recommended length for search results and teasers on the site',
        body: [{ type: 'quote', text: 'We will not stop.' }],
      });
      expect(PublishedArticle.approved(ID, approval(1, { content }), t('10:00:00')).outcome).toEqual({ kind: 'due' });
    });
  });

  describe('going live', () => {
    it('publishes exactly the approved content, fixes the slug and the publication time', () => {
      const a = approval(2);
      const { article } = PublishedArticle.approved(ID, a, t('10:00:00'));
      expect(article.goLive(t('10:00:00'), 'revision-2').kind).toBe('first-publication');
      expect(article.snapshot()).toMatchObject({ status: 'published', slug: 'revision-2', pending: null, version: 1, publishedAt: t('10:00:00'), updatedAt: t('10:00:00') });
      expect(article.snapshot().live).toEqual({ revision: 2, content: a.content, priority: 'normal' });
    });

    it('needs a slug the first time', () => {
      const { article } = PublishedArticle.approved(ID, approval(1), t('10:00:00'));
      expect(() => article.goLive(t('10:00:00'))).toThrow(/slug/);
    });

    it('is refused when nothing waits: ARTICLE.NOTHING_DUE', () => {
      expect(thrownBy(() => liveArticle().goLive(t('11:00:00'))).code).toBe('ARTICLE.NOTHING_DUE');
    });

    it('is refused before the time has come, so no schedule or embargo is broken', () => {
      const article = scheduledArticle(1, t('12:00:00'));
      expect(thrownBy(() => article.goLive(t('11:59:59'), 'slug')).code).toBe('ARTICLE.NOTHING_DUE');
      expect(article.goLive(t('12:00:00'), 'slug').kind).toBe('first-publication');
    });
  });

  describe('a newer approval of a live article', () => {
    it('replaces the text at once and keeps the slug and first publication time', () => {
      const article = liveArticle(1);
      expect(article.receiveApproval(approval(2), t('11:00:00'))).toEqual({ kind: 'due' });
      expect(article.goLive(t('11:00:00'), 'ignored-slug').kind).toBe('update');
      expect(article.snapshot()).toMatchObject({ slug: 'revision-1', publishedAt: t('10:00:00'), updatedAt: t('11:00:00'), version: 2 });
      expect(article.snapshot().live?.content.headline).toBe('Revision 2');
    });

    it('with a future time keeps the old text live until then', () => {
      const article = liveArticle(1);
      expect(article.receiveApproval(approval(2, { publishAt: t('15:00:00').toISOString() }), t('11:00:00'))).toEqual({
        kind: 'scheduled',
        dueAt: t('15:00:00'),
      });
      const state = article.snapshot();
      expect(state.status).toBe('published');
      expect(state.live?.revision).toBe(1);
      expect(state.pending?.revision).toBe(2);
      expect(article.isDue(t('14:59:00'))).toBe(false);
    });

    it('replaces a revision still waiting, even if the newer one is due later', () => {
      const article = liveArticle(1);
      article.receiveApproval(approval(2, { publishAt: t('12:00:00').toISOString() }), t('11:00:00'));
      article.receiveApproval(approval(3, { publishAt: t('13:00:00').toISOString() }), t('11:05:00'));
      expect(article.snapshot().pending).toMatchObject({ revision: 3, dueAt: t('13:00:00') });
    });

    it('going live at once drops an older revision still waiting', () => {
      const article = liveArticle(1);
      article.receiveApproval(approval(2, { publishAt: t('12:00:00').toISOString() }), t('11:00:00'));
      article.receiveApproval(approval(3), t('11:05:00'));
      article.goLive(t('11:05:00'));
      expect(article.snapshot().live?.revision).toBe(3);
      expect(article.snapshot().pending).toBeNull();
    });

    it('is refused when the approving editor is the author, and nothing changes', () => {
      const article = liveArticle(1);
      const before = article.snapshot();
      const error = thrownBy(() => article.receiveApproval(approval(2, { authorId: 'editor-eve' }), t('11:00:00')));
      expect(error.code).toBe('ARTICLE.SELF_APPROVAL');
      expect(article.snapshot()).toEqual(before);
    });

    it('is refused when the newer text has an unsafe link, and the live text stays', () => {
      const article = liveArticle(1);
      const before = article.snapshot();
      const content = testContent({ body: [{ type: 'paragraph', text: 'Now [click](javascript:void(0)).' }] });
      const error = thrownBy(() => article.receiveApproval(approval(2, { content }), t('11:00:00')));
      expect(error.code).toBe('ARTICLE.BLOCKING_CHECKS');
      expect(article.snapshot()).toEqual(before);
    });
  });

  describe('an embargo, apart from the schedule', () => {
    it('keeps the schedule and the embargo of the revision waiting, due at the later of them', () => {
      const { article } = PublishedArticle.approved(
        ID,
        approval(1, { publishAt: t('12:00:00').toISOString(), embargoUntil: t('13:00:00').toISOString() }),
        t('10:00:00'),
      );
      expect(article.snapshot().pending).toMatchObject({ publishAt: t('12:00:00'), embargoUntil: t('13:00:00'), dueAt: t('13:00:00') });
      expect(article.embargoInForce(t('12:59:59'))).toEqual(t('13:00:00'));
      expect(article.embargoInForce(t('13:00:00'))).toBeNull();
    });

    it('holds the story: a newer approval without an embargo still waits for the one in force', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { embargoUntil: t('13:00:00').toISOString() }), t('10:00:00'));
      expect(article.receiveApproval(approval(2), t('11:00:00'))).toEqual({ kind: 'scheduled', dueAt: t('13:00:00') });
      expect(article.snapshot().pending).toMatchObject({ revision: 2, publishAt: null, embargoUntil: t('13:00:00') });
      expect(thrownBy(() => article.goLive(t('12:59:59'), 'slug')).code).toBe('ARTICLE.NOTHING_DUE');
    });

    it('is extended, never shortened, by a newer approval with an embargo of its own', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { embargoUntil: t('13:00:00').toISOString() }), t('10:00:00'));
      article.receiveApproval(approval(2, { embargoUntil: t('12:00:00').toISOString() }), t('11:00:00'));
      expect(article.snapshot().pending?.embargoUntil).toEqual(t('13:00:00'));
      article.receiveApproval(approval(3, { embargoUntil: t('14:00:00').toISOString() }), t('11:05:00'));
      expect(article.snapshot().pending?.embargoUntil).toEqual(t('14:00:00'));
    });

    it('no longer holds once its time has passed', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { embargoUntil: t('10:30:00').toISOString() }), t('10:00:00'));
      expect(article.receiveApproval(approval(2), t('11:00:00'))).toEqual({ kind: 'due' });
      expect(article.snapshot().pending).toMatchObject({ embargoUntil: null, dueAt: t('11:00:00') });
    });

    it('on a newer revision of a live article holds only the new text; the live one stays', () => {
      const article = liveArticle(1);
      article.receiveApproval(approval(2, { embargoUntil: t('15:00:00').toISOString() }), t('11:00:00'));
      expect(article.snapshot()).toMatchObject({ status: 'published', live: { revision: 1 }, pending: { revision: 2, embargoUntil: t('15:00:00') } });
    });
  });

  describe('approvals that do not move the revision forward', () => {
    it.each([1, 2])('refuses revision %i when revision 2 is live: ARTICLE.STALE_REVISION, nothing changes', (revision) => {
      const article = liveArticle(2);
      const before = article.snapshot();
      const error = thrownBy(() => article.receiveApproval(approval(revision, { approvedAt: t('10:30:00') }), t('11:00:00')));
      expect(error).toMatchObject({ code: 'ARTICLE.STALE_REVISION', kind: 'conflict', details: { revision, latestRevision: 2 } });
      expect(article.snapshot()).toEqual(before);
    });

    it('refuses an older revision than the one waiting', () => {
      const article = scheduledArticle(3, t('12:00:00'));
      expect(thrownBy(() => article.receiveApproval(approval(2), t('10:30:00'))).code).toBe('ARTICLE.STALE_REVISION');
      expect(article.snapshot().pending?.revision).toBe(3);
    });

    it('takes the very approval already accepted, sent again, as changing nothing', () => {
      const article = liveArticle(2);
      const before = article.snapshot();
      expect(article.receiveApproval(approval(2), t('11:00:00'))).toEqual({ kind: 'ignored', reason: 'already-accepted' });
      expect(article.snapshot()).toEqual(before);
    });
  });

  describe('correcting', () => {
    const note = { note: 'Fixed the vote count.', editorId: 'editor-eve' };

    it('replaces the live text, keeps the revision, and records the time and the changed fields', () => {
      const article = liveArticle(4);
      const record = article.correct({ ...note, changes: { headline: 'Corrected', standfirst: 'New standfirst.' } }, t('12:00:00'));
      expect(record).toEqual({ ...note, correctedAt: t('12:00:00'), revision: 4, changedFields: ['headline', 'standfirst'] });
      expect(article.snapshot().live).toMatchObject({ revision: 4, content: { headline: 'Corrected', standfirst: 'New standfirst.' } });
      expect(article.snapshot()).toMatchObject({ correctedAt: t('12:00:00'), updatedAt: t('12:00:00'), version: 2, slug: 'revision-1' });
    });

    it('records a tag retyped, or retagged with the words of the tags that stay, as a correction of the tags', () => {
      const article = liveArticle(1);
      const tags = article.snapshot().live!.content.tags;
      expect(tags.length).toBeGreaterThan(0);
      const retyped = article.correct({ ...note, changes: { tagLabels: { [tags[0]]: tags[0].toUpperCase().replaceAll('-', ' ') } } }, t('12:00:00'));
      expect(retyped.changedFields).toEqual(['tags']);
      const retagged = article.correct({ ...note, changes: { tags: [tags[0], 'harbour'] } }, t('12:05:00'));
      expect(retagged.changedFields).toEqual(['tags']);
      expect(article.snapshot().live!.content).toMatchObject({ tags: [tags[0], 'harbour'], tagLabels: { [tags[0]]: tags[0].toUpperCase().replaceAll('-', ' ') } });
    });

    it('sees only real changes, whatever the key order of the stored text (jsonb keeps its own)', () => {
      const stored = liveArticle(1).snapshot();
      const reorder = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(reorder)
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reorder(inner)]))
            : value;
      const article = PublishedArticle.restore({ ...stored, live: { ...stored.live!, content: reorder(stored.live!.content) as never } });
      expect(article.correct({ ...note, changes: { standfirst: 'New standfirst.' } }, t('12:00:00')).changedFields).toEqual(['standfirst']);
    });

    it('is refused when made from a version the article is no longer at: ARTICLE.VERSION_CONFLICT (412), and nothing changes', () => {
      const article = liveArticle(1);
      article.correct({ ...note, changes: { standfirst: 'First fix.' } }, t('12:00:00'));
      const before = article.snapshot();
      const error = thrownBy(() => article.correct({ ...note, changes: { headline: 'Second fix' }, expectedVersion: 1 }, t('12:05:00')));
      expect(error).toMatchObject({ code: 'ARTICLE.VERSION_CONFLICT', kind: 'precondition_failed', details: { currentVersion: 2 } });
      expect(article.snapshot()).toEqual(before);
      expect(article.correct({ ...note, changes: { headline: 'Second fix' }, expectedVersion: 2 }, t('12:05:00')).changedFields).toEqual(['headline']);
    });

    it('may only add a note, when it gives no changes at all', () => {
      const article = liveArticle(1);
      expect(article.correct(note, t('12:00:00')).changedFields).toEqual([]);
      expect(article.snapshot()).toMatchObject({ correctedAt: t('12:00:00'), version: 2 });
    });

    it.each([
      ['empty', {}],
      ['equal to the live text', { headline: 'Revision 1', tags: testContent().tags, dateline: testContent().dateline }],
      ['equal once trimmed', { standfirst: ` ${testContent().standfirst} ` }],
    ])('is refused when its changes are %s: ARTICLE.NOTHING_CORRECTED, and nothing changes', (_label, changes) => {
      const article = liveArticle(1);
      const before = article.snapshot();
      const error = thrownBy(() => article.correct({ ...note, changes }, t('12:00:00')));
      expect(error).toMatchObject({ code: 'ARTICLE.NOTHING_CORRECTED', kind: 'validation' });
      expect(article.snapshot()).toEqual(before);
    });

    describe('is refused when the corrected article fails a check that blocks approval: ARTICLE.BLOCKING_CHECKS (409), and nothing changes', () => {
      const withBlock = (block: Record<string, unknown>) => [...(testContent().body as unknown[]), block];

      it.each([
        ['a paragraph', { type: 'paragraph', text: 'Read [x](javascript:alert(1)).' }],
        ['a quote', { type: 'quote', text: 'See [the letter](javascript:alert(1)).', attribution: 'A resident' }],
        ['a paragraph, as a data: URL', { type: 'paragraph', text: '[x](data:text/html;base64,PHNjcmlwdD4=)' }],
      ])('an unsafe link in %s: UNSAFE_LINK at its block', (_label, block) => {
        const article = liveArticle(1);
        const before = article.snapshot();
        const body = withBlock(block);
        const error = thrownBy(() => article.correct({ ...note, changes: { body } }, t('12:00:00')));
        expect(error).toMatchObject({ code: 'ARTICLE.BLOCKING_CHECKS', kind: 'conflict' });
        expect(error.details).toEqual([expect.objectContaining({ code: 'UNSAFE_LINK', severity: 'error', path: `body.${body.length - 1}.text` })]);
        expect(article.snapshot()).toEqual(before);
      });

      it('a quote without attribution', () => {
        const article = liveArticle(1);
        const error = thrownBy(() => article.correct({ ...note, changes: { body: withBlock({ type: 'quote', text: 'Unattributed.' }) } }, t('12:00:00')));
        expect(error.code).toBe('ARTICLE.BLOCKING_CHECKS');
        expect((error.details as { code: string }[]).map((check) => check.code)).toEqual(['QUOTE_WITHOUT_ATTRIBUTION']);
      });

      it('a standfirst taken away', () => {
        const article = liveArticle(1);
        const error = thrownBy(() => article.correct({ ...note, changes: { standfirst: null } }, t('12:00:00')));
        expect(error.code).toBe('ARTICLE.BLOCKING_CHECKS');
        expect((error.details as { code: string }[]).map((check) => check.code)).toEqual(['STANDFIRST_MISSING']);
      });

      it('a note alone on a live text that fails one (the link must go in the same correction)', () => {
        // Such a text is no longer accepted from an approval; one stored before that was can still be live.
        const stored = liveArticle(1).snapshot();
        const content = testContent({ body: withBlock({ type: 'paragraph', text: '[x](javascript:alert(1))' }) });
        const article = PublishedArticle.restore({ ...stored, live: { ...stored.live!, content } });
        expect(thrownBy(() => article.correct(note, t('12:00:00'))).code).toBe('ARTICLE.BLOCKING_CHECKS');
        const fixed = article.correct({ ...note, changes: { body: testContent().body } }, t('12:00:00'));
        expect(fixed.changedFields).toEqual(['body']);
      });

      it('but not for a warning: a headline over the recommended length still goes through', () => {
        const article = liveArticle(1);
        expect(article.correct({ ...note, changes: { headline: 'A '.repeat(70).trim() } }, t('12:00:00')).changedFields).toEqual(['headline']);
      });
    });

    it('is refused when the merged article is invalid: ARTICLE.INVALID_CORRECTION with the paths', () => {
      const article = liveArticle(1);
      const before = article.snapshot();
      const error = thrownBy(() => article.correct({ ...note, changes: { headline: '', body: [{ type: 'video' }] } }, t('12:00:00')));
      expect(error.code).toBe('ARTICLE.INVALID_CORRECTION');
      expect((error.details as { path: string }[]).map((issue) => issue.path).sort()).toEqual(['changes.body.0.type', 'changes.headline']);
      expect(article.snapshot()).toEqual(before);
    });

    it('is refused before publication and after withdrawal', () => {
      const scheduled = scheduledArticle(1, t('12:00:00'));
      expect(thrownBy(() => scheduled.correct({ ...note, changes: {} }, t('11:00:00'))).code).toBe('ARTICLE.NOT_PUBLISHED');
      const withdrawn = liveArticle();
      withdrawn.unpublish('Legal', 'editor-1', t('11:00:00'));
      expect(thrownBy(() => withdrawn.correct({ ...note, changes: {} }, t('11:30:00'))).code).toBe('ARTICLE.NOT_PUBLISHED');
    });
  });

  describe('a correction made before the next revision goes live', () => {
    const note = { note: 'The mayor is named Smyth, not Smith.', editorId: 'editor-eve' };
    const first = testContent({ headline: 'Mayor Smith resigns', standfirst: 'He leaves after ten years.' });
    const paragraph = (text: string) => ({ type: 'paragraph', text });
    const bodyTexts = (article: PublishedArticle) => article.snapshot().live!.content.body.map((block) => ('text' in block ? block.text : block.type));

    /** Revision 1 live and corrected; revision 2, written from revision 1 as approved with `edits`, approved at 11:00 (and due then unless `publishAt`). */
    function correctedThenUpdated(edits: Record<string, unknown>, publishAt?: Date): PublishedArticle {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      article.receiveApproval(approval(2, { content: testContent({ ...first, ...edits }), ...(publishAt ? { publishAt: publishAt.toISOString() } : {}) }), t('10:30:00'));
      article.correct({ ...note, changes: { headline: 'Mayor Smyth resigns', body: [paragraph('Mayor Smyth resigned on Monday.'), ...first.body.slice(1)] } }, t('10:45:00'));
      return article;
    }

    it('is carried into a revision waiting for its time, field by field and paragraph by paragraph, once it goes live', () => {
      const article = correctedThenUpdated({ standfirst: 'His deputy takes over.', body: [...first.body, paragraph('His deputy was sworn in.')] }, t('11:00:00'));
      // Before its time the corrected revision 1 is what readers see.
      expect(article.snapshot().live).toMatchObject({ revision: 1, content: { headline: 'Mayor Smyth resigns' } });

      const publication = article.goLive(t('11:00:00'));

      expect(publication).toMatchObject({ kind: 'update', revision: 2, correctionsCarried: ['headline', 'body'] });
      expect(publication.correctionsNotCarried).toBeUndefined();
      expect(article.snapshot().live!.content).toMatchObject({ headline: 'Mayor Smyth resigns', standfirst: 'His deputy takes over.' });
      expect(bodyTexts(article)[0]).toBe('Mayor Smyth resigned on Monday.');
      expect(bodyTexts(article).at(-1)).toBe('His deputy was sworn in.');
    });

    it('carries a second correction, of the paragraph next to the first, into an update written after the first', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      const [opening, , ...rest] = first.body;
      // a first correction of the second paragraph reached the reporter, who wrote the update from it, adding a paragraph
      const secondFixed = paragraph('He served twelve years, not ten.');
      article.correct({ ...note, changes: { body: [opening, secondFixed, ...rest] } }, t('10:15:00'));
      article.receiveApproval(approval(2, { content: testContent({ ...first, body: [opening, secondFixed, ...rest, paragraph('His deputy was sworn in.')] }), publishAt: t('11:00:00').toISOString() }), t('10:30:00'));
      // while it waits, an editor corrects the opening paragraph
      article.correct({ ...note, changes: { body: [paragraph('Mayor Smyth resigned on Monday.'), secondFixed, ...rest] } }, t('10:45:00'));

      const publication = article.goLive(t('11:00:00'));

      expect(publication).toMatchObject({ kind: 'update', correctionsCarried: ['body'] });
      expect(publication.correctionsNotCarried).toBeUndefined();
      expect(bodyTexts(article).slice(0, 2)).toEqual(['Mayor Smyth resigned on Monday.', 'He served twelve years, not ten.']);
      expect(bodyTexts(article).at(-1)).toBe('His deputy was sworn in.');
    });

    it('tells, before a revision is approved, what going live would carry into it and what it would keep: the same merge', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      const revision = testContent({ ...first, headline: 'Mayor Smith resigns; deputy sworn in' });
      // Nothing corrected yet: nothing to carry.
      expect(article.correctionCarryInto(revision)).toBeNull();
      article.correct({ ...note, changes: { headline: 'Mayor Smyth resigns', body: [paragraph('Mayor Smyth resigned on Monday.'), ...first.body.slice(1)] } }, t('10:45:00'));

      const preview = article.correctionCarryInto(revision);

      expect(preview).toMatchObject({ applied: ['body'], kept: ['headline'] });
      expect(article.snapshot().live).toMatchObject({ revision: 1, content: { headline: 'Mayor Smyth resigns' } });
      article.receiveApproval(approval(2, { content: revision }), t('11:00:00'));
      const publication = article.goLive(t('11:00:00'));
      expect(publication).toMatchObject({ correctionsCarried: preview!.applied, correctionsNotCarried: preview!.kept });
      expect(article.snapshot().live!.content).toEqual(preview!.text);
    });

    it('counts the corrections still to carry from the first one made, through an update that carried them, until one carries nothing', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      article.correct(note, t('10:05:00'));
      expect(article.snapshot().liveCorrectedSince).toBeNull();
      article.correct({ ...note, changes: { headline: 'Mayor Smyth resigns' } }, t('10:10:00'));
      article.correct({ ...note, changes: { standfirst: 'He leaves after eleven years.' } }, t('10:20:00'));
      expect(article.snapshot().liveCorrectedSince).toEqual(t('10:10:00'));
      // revision 2, written before the corrections, takes them in as it goes live: still to carry into revision 3
      article.receiveApproval(approval(2, { content: testContent({ ...first, body: [...first.body, paragraph('His deputy was sworn in.')] }) }), t('11:00:00'));
      article.goLive(t('11:00:00'));
      expect(article.snapshot().liveCorrectedSince).toEqual(t('10:10:00'));
      // revision 3, written from the live text, has nothing to take: the count starts again
      const live = article.snapshot().live!.content;
      article.receiveApproval(approval(3, { content: testContent({ ...live, standfirst: 'He leaves after eleven years; his deputy takes over.' }) }), t('12:00:00'));
      article.goLive(t('12:00:00'));
      expect(article.snapshot()).toMatchObject({ liveAsApproved: null, liveCorrectedSince: null });
    });

    it('keeps a field the revision rewrote itself, and says so', () => {
      const article = correctedThenUpdated({ headline: 'Mayor Smith resigns; deputy sworn in' }, t('11:00:00'));
      const publication = article.goLive(t('11:00:00'));
      expect(publication).toMatchObject({ correctionsCarried: ['body'], correctionsNotCarried: ['headline'] });
      expect(article.snapshot().live!.content.headline).toBe('Mayor Smith resigns; deputy sworn in');
      expect(bodyTexts(article)[0]).toBe('Mayor Smyth resigned on Monday.');
    });

    it('is carried again into the revision after, written from the text its editor approved', () => {
      const article = correctedThenUpdated({ standfirst: 'His deputy takes over.' }, t('11:00:00'));
      article.goLive(t('11:00:00'));
      article.receiveApproval(approval(3, { content: testContent({ ...first, standfirst: 'His deputy takes over on Friday.' }) }), t('12:00:00'));
      expect(article.goLive(t('12:00:00'))).toMatchObject({ revision: 3, correctionsCarried: ['headline', 'body'] });
      expect(article.snapshot().live!.content).toMatchObject({ headline: 'Mayor Smyth resigns', standfirst: 'His deputy takes over on Friday.' });
    });

    it('adds nothing twice to the revision after, written from the live text as drafting hands it on', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      const clarified = [first.body[0], paragraph('He was first elected in 2014.'), ...first.body.slice(1)];
      article.correct({ ...note, changes: { body: clarified } }, t('10:10:00'));
      // Revision 2 was written from the text as approved; it goes live with the paragraph carried in.
      article.receiveApproval(approval(2, { content: testContent({ ...first, standfirst: 'His deputy takes over.' }) }), t('11:00:00'));
      expect(article.goLive(t('11:00:00'))).toMatchObject({ correctionsCarried: ['body'] });
      // Revision 3 was written from that live text (drafting took it in), and adds a paragraph at the end.
      const live = article.snapshot().live!.content;
      article.receiveApproval(approval(3, { content: testContent({ ...live, body: [...live.body, paragraph('The council meets on Friday.')] }) }), t('12:00:00'));
      const publication = article.goLive(t('12:00:00'));

      expect(publication.correctionsCarried).toBeUndefined();
      expect(publication.correctionsNotCarried).toBeUndefined();
      expect(bodyTexts(article).filter((text) => text === 'He was first elected in 2014.')).toHaveLength(1);
      expect(bodyTexts(article).at(-1)).toBe('The council meets on Friday.');
    });

    it('is carried into a revision that puts a withdrawn story back on the site', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      article.correct({ ...note, changes: { headline: 'Mayor Smyth resigns' } }, t('10:20:00'));
      article.unpublish('Checking a claim.', 'editor-eve', t('10:30:00'));
      article.receiveApproval(approval(2, { content: testContent({ ...first, standfirst: 'The claim checked out.' }), approvedAt: t('10:40:00') }), t('10:40:00'));
      expect(article.goLive(t('10:40:00'))).toMatchObject({ kind: 'republication', correctionsCarried: ['headline'] });
      expect(article.snapshot().live!.content).toMatchObject({ headline: 'Mayor Smyth resigns', standfirst: 'The claim checked out.' });
    });

    it('changes nothing in a revision that already carries it, and nothing when no correction changed the text', () => {
      const { article } = PublishedArticle.approved(ID, approval(1, { content: first }), t('10:00:00'));
      article.goLive(t('10:00:00'), 'mayor');
      article.correct(note, t('10:10:00'));
      expect(article.snapshot().liveAsApproved).toBeNull();
      article.correct({ ...note, changes: { headline: 'Mayor Smyth resigns' } }, t('10:20:00'));
      expect(article.snapshot().liveAsApproved).toMatchObject({ headline: 'Mayor Smith resigns' });
      article.receiveApproval(approval(2, { content: testContent({ ...first, headline: 'Mayor Smyth resigns', standfirst: 'Later.' }) }), t('11:00:00'));
      const publication = article.goLive(t('11:00:00'));
      expect(publication.correctionsCarried).toBeUndefined();
      expect(article.snapshot()).toMatchObject({ live: { content: { headline: 'Mayor Smyth resigns', standfirst: 'Later.' } }, liveAsApproved: null });
    });
  });

  describe('unpublishing', () => {
    it('withdraws the article and drops a revision still waiting', () => {
      const article = liveArticle(1);
      article.receiveApproval(approval(2, { publishAt: t('15:00:00').toISOString() }), t('11:00:00'));
      // the waiting revision is cancelled as an editor's cancellation would, and cannot be approved back in
      expect(article.unpublish('Legal hold', 'editor-9', t('12:00:00'))).toEqual({
        at: t('12:00:00'),
        reason: 'Legal hold',
        editorId: 'editor-9',
        cancellation: { at: t('12:00:00'), editorId: 'editor-9', revision: 2 },
      });
      expect(article.snapshot()).toMatchObject({
        status: 'withdrawn',
        pending: null,
        withdrawal: { at: t('12:00:00'), reason: 'Legal hold', editorId: 'editor-9' },
        version: 2,
      });
      expect(article.isDue(t('16:00:00'))).toBe(false);
    });

    it('is refused twice and before publication', () => {
      const article = liveArticle();
      article.unpublish('x', 'e', t('11:00:00'));
      expect(thrownBy(() => article.unpublish('x', 'e', t('11:01:00'))).code).toBe('ARTICLE.NOT_PUBLISHED');
      const scheduled = scheduledArticle(1, t('12:00:00'));
      expect(thrownBy(() => scheduled.unpublish('x', 'e', t('11:00:00'))).code).toBe('ARTICLE.NOT_PUBLISHED');
    });

    it('ignores a newer approval given before the withdrawal, which arrived late', () => {
      const article = liveArticle(1);
      article.unpublish('Legal hold', 'editor-9', t('12:00:00'));
      expect(article.receiveApproval(approval(2, { approvedAt: t('11:00:00') }), t('12:05:00'))).toEqual({
        kind: 'ignored',
        reason: 'withdrawn-later',
        cancellation: { at: t('12:00:00'), editorId: 'editor-9', revision: 2 },
      });
      expect(article.status).toBe('withdrawn');
    });

    it('republishes on a newer approval given after the withdrawal, at the same address', () => {
      const article = liveArticle(1);
      article.unpublish('Legal hold', 'editor-9', t('12:00:00'));
      expect(article.receiveApproval(approval(2, { approvedAt: t('13:00:00') }), t('13:00:00'))).toEqual({ kind: 'due' });
      expect(article.goLive(t('13:00:00')).kind).toBe('republication');
      expect(article.snapshot()).toMatchObject({ status: 'published', slug: 'revision-1', withdrawal: null, publishedAt: t('10:00:00') });
    });
  });

  describe('its state', () => {
    it('is a copy: changing a snapshot changes nothing in the article', () => {
      const article = liveArticle(1);
      const copy = article.snapshot();
      copy.status = 'withdrawn';
      copy.live!.content.headline = 'Tampered';
      expect(article.status).toBe('published');
      expect(article.snapshot().live?.content.headline).toBe('Revision 1');
    });
  });
});
