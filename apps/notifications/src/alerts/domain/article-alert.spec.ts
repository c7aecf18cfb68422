import { ArticleAlert, MAX_ALERT_AGE_MS, type AlertContent } from './article-alert';

const ID = '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11';
const t0 = new Date('2025-11-21T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const content = (revision = 1, headline = 'Budget passes'): AlertContent => ({
  revision,
  headline,
  standfirst: null,
  url: 'https://news.example/a',
  section: 'politics',
  tags: [],
  priority: 'normal',
});

describe(ArticleAlert.name, () => {
  it('alerts on the first publication', () => {
    const alert = ArticleAlert.unknown(ID);
    expect(alert.recordPublication(content(), t0, at(500))).toEqual({ fanOut: true, content: content() });
    expect(alert.snapshot().fannedOutAt).toEqual(at(500));
    expect(alert.snapshot().content?.headline).toBe('Budget passes');
  });

  it('alerts once: a second published event for the same article fans out nothing', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.recordPublication(content(), t0, at(1));
    expect(alert.recordPublication(content(2), at(10), at(20))).toEqual({ fanOut: false, reason: 'already-alerted' });
  });

  it('does not alert about old news', () => {
    const alert = ArticleAlert.unknown(ID);
    expect(alert.recordPublication(content(), t0, at(MAX_ALERT_AGE_MS + 1))).toEqual({ fanOut: false, reason: 'stale' });
    expect(alert.snapshot().fannedOutAt).toBeNull();
  });

  it('stays quiet for a publication the withdrawal postdates', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.recordWithdrawal(at(1000));
    expect(alert.recordPublication(content(), t0, at(2000))).toEqual({ fanOut: false, reason: 'withdrawn' });
    expect(alert.snapshot().withdrawnAt).toEqual(at(1000));
  });

  it('alerts again after a withdrawal when republished later (the unique key still stops duplicates)', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.recordPublication(content(), t0, at(1));
    alert.recordWithdrawal(at(1000));
    expect(alert.recordPublication(content(2), at(5000), at(5001))).toEqual({ fanOut: true, content: content(2) });
    expect(alert.snapshot().withdrawnAt).toBeNull();
  });

  it('fans out with the newest text it has seen, even when a correction arrived first', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.applyCorrection(content(3, 'Corrected'));
    expect(alert.recordPublication(content(2, 'Original'), t0, at(1))).toEqual({ fanOut: true, content: content(3, 'Corrected') });
  });

  it('lets a correction change what unsent alerts say, never to an older revision', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.recordPublication(content(2, 'Original'), t0, at(1));
    expect(alert.applyCorrection(content(3, 'Corrected'))).toBe(true);
    expect(alert.snapshot().content?.headline).toBe('Corrected');
    expect(alert.applyCorrection(content(1, 'Stale'))).toBe(false);
    expect(alert.snapshot().content?.headline).toBe('Corrected');
  });

  it('keeps the latest withdrawal time', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.recordWithdrawal(at(2000));
    alert.recordWithdrawal(at(1000));
    expect(alert.snapshot().withdrawnAt).toEqual(at(2000));
  });

  it('cannot be changed through its snapshot', () => {
    const alert = ArticleAlert.restore({ articleId: ID, content: content(), publishedAt: t0, withdrawnAt: null, fannedOutAt: at(1) });
    const snapshot = alert.snapshot();
    snapshot.fannedOutAt = null;
    snapshot.content!.tags.push('injected');
    expect(alert.snapshot().fannedOutAt).toEqual(at(1));
    expect(alert.snapshot().content?.tags).toEqual([]);
  });
});
