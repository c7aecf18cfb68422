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
    expect(alert.published(content(), t0, at(500))).toEqual({ fanOut: true });
    expect(alert.state.fannedOutAt).toEqual(at(500));
    expect(alert.state.content?.headline).toBe('Budget passes');
  });

  it('alerts once: a second published event for the same article fans out nothing', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.published(content(), t0, at(1));
    expect(alert.published(content(2), at(10), at(20))).toEqual({ fanOut: false, reason: 'already-alerted' });
  });

  it('does not alert about old news', () => {
    const alert = ArticleAlert.unknown(ID);
    expect(alert.published(content(), t0, at(MAX_ALERT_AGE_MS + 1))).toEqual({ fanOut: false, reason: 'stale' });
    expect(alert.state.fannedOutAt).toBeNull();
  });

  it('stays quiet for a publication the withdrawal postdates', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.withdrawn(at(1000));
    expect(alert.published(content(), t0, at(2000))).toEqual({ fanOut: false, reason: 'withdrawn' });
    expect(alert.state.withdrawnAt).toEqual(at(1000));
  });

  it('alerts again after a withdrawal when republished later (the unique key still stops duplicates)', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.published(content(), t0, at(1));
    alert.withdrawn(at(1000));
    expect(alert.published(content(2), at(5000), at(5001))).toEqual({ fanOut: true });
    expect(alert.state.withdrawnAt).toBeNull();
  });

  it('lets a correction change what unsent alerts say, never to an older revision', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.published(content(2, 'Original'), t0, at(1));
    expect(alert.corrected(content(3, 'Corrected'))).toBe(true);
    expect(alert.state.content?.headline).toBe('Corrected');
    expect(alert.corrected(content(1, 'Stale'))).toBe(false);
    expect(alert.state.content?.headline).toBe('Corrected');
  });

  it('keeps the latest withdrawal time', () => {
    const alert = ArticleAlert.unknown(ID);
    alert.withdrawn(at(2000));
    alert.withdrawn(at(1000));
    expect(alert.state.withdrawnAt).toEqual(at(2000));
  });
});
