import { DomainError } from '@newsroom/contracts';
import { testContent } from '../../testing/test-articles';
import { PublishedArticle, type Approval } from './published-article';

const ID = '5150485c-452c-4066-a93f-52483f84c08b';
const t = (iso: string) => new Date(`2025-11-21T${iso}Z`);

function approval(revision: number, overrides: Partial<Approval> = {}): Approval {
  return { revision, content: testContent({ headline: `Revision ${revision}` }), priority: 'normal', approvedAt: t('09:00:00'), dueAt: null, ...overrides };
}

function liveArticle(revision = 1, now = t('10:00:00')): PublishedArticle {
  const article = PublishedArticle.fromApproval(ID, approval(revision), now);
  article.goLive(now, 'revision-1');
  return article;
}

function expectCode(action: () => void, code: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe(PublishedArticle.name, () => {
  describe('a first approval', () => {
    it('without a time is due at once', () => {
      const now = t('10:00:00');
      const article = PublishedArticle.fromApproval(ID, approval(1), now);
      expect(article.state.status).toBe('scheduled');
      expect(article.isDue(now)).toBe(true);
      expect(article.needsSlug).toBe(true);
    });

    it('with a future time waits for it', () => {
      const article = PublishedArticle.fromApproval(ID, approval(1, { dueAt: t('12:00:00') }), t('10:00:00'));
      expect(article.state.status).toBe('scheduled');
      expect(article.state.live).toBeNull();
      expect(article.isDue(t('11:59:59'))).toBe(false);
      expect(article.isDue(t('12:00:00'))).toBe(true);
    });
  });

  describe('going live', () => {
    it('publishes exactly the approved content, fixes the slug and the publication time', () => {
      const a = approval(2);
      const article = PublishedArticle.fromApproval(ID, a, t('10:00:00'));
      expect(article.goLive(t('10:00:00'), 'revision-2')).toBe('first-publication');
      expect(article.state).toMatchObject({ status: 'published', slug: 'revision-2', pending: null, version: 1, publishedAt: t('10:00:00'), updatedAt: t('10:00:00') });
      expect(article.state.live).toEqual({ revision: 2, content: a.content, priority: 'normal' });
    });

    it('needs a slug the first time', () => {
      const article = PublishedArticle.fromApproval(ID, approval(1), t('10:00:00'));
      expect(() => article.goLive(t('10:00:00'))).toThrow(/slug/);
    });

    it('refuses when nothing is pending', () => {
      expect(() => liveArticle().goLive(t('11:00:00'))).toThrow(/pending/);
    });
  });

  describe('a newer approval of a live article', () => {
    it('replaces the text at once and keeps the slug and first publication time', () => {
      const article = liveArticle(1);
      expect(article.accept(approval(2, { approvedAt: t('10:30:00') }), t('11:00:00'))).toEqual({ kind: 'due' });
      expect(article.goLive(t('11:00:00'), 'ignored-slug')).toBe('update');
      expect(article.state).toMatchObject({ slug: 'revision-1', publishedAt: t('10:00:00'), updatedAt: t('11:00:00'), version: 2 });
      expect(article.state.live?.content.headline).toBe('Revision 2');
    });

    it('with a future time keeps the old text live until then', () => {
      const article = liveArticle(1);
      expect(article.accept(approval(2, { dueAt: t('15:00:00') }), t('11:00:00'))).toEqual({ kind: 'scheduled', dueAt: t('15:00:00') });
      expect(article.state.status).toBe('published');
      expect(article.state.live?.revision).toBe(1);
      expect(article.state.pending?.revision).toBe(2);
      expect(article.isDue(t('14:59:00'))).toBe(false);
    });

    it('replaces a revision still waiting, even if the newer one is due later', () => {
      const article = liveArticle(1);
      article.accept(approval(2, { dueAt: t('12:00:00') }), t('11:00:00'));
      article.accept(approval(3, { dueAt: t('13:00:00') }), t('11:05:00'));
      expect(article.state.pending).toMatchObject({ revision: 3, dueAt: t('13:00:00') });
    });

    it('going live at once drops an older revision still waiting', () => {
      const article = liveArticle(1);
      article.accept(approval(2, { dueAt: t('12:00:00') }), t('11:00:00'));
      article.accept(approval(3), t('11:05:00'));
      article.goLive(t('11:05:00'));
      expect(article.state.live?.revision).toBe(3);
      expect(article.state.pending).toBeNull();
    });
  });

  describe('stale and out-of-order approvals', () => {
    it.each([1, 2])('ignores revision %i when revision 2 is live', (revision) => {
      const article = liveArticle(2);
      const before = structuredClone(article.state);
      expect(article.accept(approval(revision), t('11:00:00'))).toEqual({ kind: 'ignored', reason: 'stale-revision' });
      expect(article.state).toEqual(before);
    });

    it('ignores an older revision than the one waiting', () => {
      const article = PublishedArticle.fromApproval(ID, approval(3, { dueAt: t('12:00:00') }), t('10:00:00'));
      expect(article.accept(approval(2), t('10:30:00'))).toEqual({ kind: 'ignored', reason: 'stale-revision' });
      expect(article.state.pending?.revision).toBe(3);
    });
  });

  describe('correcting', () => {
    it('replaces the live text, keeps the revision, and records the time', () => {
      const article = liveArticle(4);
      const corrected = testContent({ headline: 'Corrected' });
      article.correct(corrected, t('12:00:00'));
      expect(article.state.live).toMatchObject({ revision: 4, content: corrected });
      expect(article.state).toMatchObject({ correctedAt: t('12:00:00'), updatedAt: t('12:00:00'), version: 2, slug: 'revision-1' });
    });

    it('is refused before publication and after withdrawal', () => {
      const scheduled = PublishedArticle.fromApproval(ID, approval(1, { dueAt: t('12:00:00') }), t('10:00:00'));
      expectCode(() => scheduled.correct(testContent(), t('11:00:00')), 'ARTICLE.NOT_PUBLISHED');
      const withdrawn = liveArticle();
      withdrawn.unpublish('Legal', 'editor-1', t('11:00:00'));
      expectCode(() => withdrawn.correct(testContent(), t('11:30:00')), 'ARTICLE.NOT_PUBLISHED');
    });
  });

  describe('unpublishing', () => {
    it('withdraws the article and drops a revision still waiting', () => {
      const article = liveArticle(1);
      article.accept(approval(2, { dueAt: t('15:00:00') }), t('11:00:00'));
      article.unpublish('Legal hold', 'editor-9', t('12:00:00'));
      expect(article.state).toMatchObject({
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
      expectCode(() => article.unpublish('x', 'e', t('11:01:00')), 'ARTICLE.NOT_PUBLISHED');
      const scheduled = PublishedArticle.fromApproval(ID, approval(1, { dueAt: t('12:00:00') }), t('10:00:00'));
      expectCode(() => scheduled.unpublish('x', 'e', t('11:00:00')), 'ARTICLE.NOT_PUBLISHED');
    });

    it('ignores an approval given before the withdrawal, which arrived late', () => {
      const article = liveArticle(1);
      article.unpublish('Legal hold', 'editor-9', t('12:00:00'));
      expect(article.accept(approval(2, { approvedAt: t('11:00:00') }), t('12:05:00'))).toEqual({ kind: 'ignored', reason: 'withdrawn-later' });
      expect(article.state.status).toBe('withdrawn');
    });

    it('republishes on a newer approval given after the withdrawal, at the same address', () => {
      const article = liveArticle(1);
      article.unpublish('Legal hold', 'editor-9', t('12:00:00'));
      expect(article.accept(approval(2, { approvedAt: t('13:00:00') }), t('13:00:00'))).toEqual({ kind: 'due' });
      expect(article.goLive(t('13:00:00'))).toBe('republication');
      expect(article.state).toMatchObject({ status: 'published', slug: 'revision-1', withdrawal: null, publishedAt: t('10:00:00') });
    });
  });
});
