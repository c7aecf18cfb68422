import { html } from '@newsroom/html';
import { testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { renderArticlePage } from './article-page';
import { chromeOf, fillLabel } from './chrome';
import { ENGLISH_LABELS } from './labels';
import { renderFrontPage } from './listing-pages';
import { renderSearchPage } from './search-page';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface TextRun {
  text: string;
  lang: string;
  dir: string;
  /** Inside a <bdi>: isolated from the text around it. */
  isolated: boolean;
}

/**
 * Every text run of a page with the language and direction a browser gives it: the nearest
 * `lang` and `dir` up the tree. Enough of an HTML reader for the markup our templates write.
 */
function textRuns(page: string): TextRun[] {
  const stack: { tag: string; lang: string; dir: string; isolated: boolean }[] = [{ tag: '#root', lang: '', dir: 'ltr', isolated: false }];
  const runs: TextRun[] = [];
  const body = page.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<head>[\s\S]*?<\/head>/, '');
  for (const token of body.match(/<[^>]+>|[^<]+/g) ?? []) {
    const top = stack[stack.length - 1];
    const tag = /^<(\/?)([a-zA-Z0-9]+)([^>]*)>$/.exec(token);
    if (!tag) {
      if (token.trim()) runs.push({ text: token.trim(), lang: top.lang, dir: top.dir, isolated: top.isolated });
      continue;
    }
    const [, closing, name, attrs] = tag;
    if (closing) {
      while (stack.length > 1 && stack.pop()?.tag !== name.toLowerCase());
      continue;
    }
    if (VOID.has(name.toLowerCase())) continue;
    stack.push({
      tag: name.toLowerCase(),
      lang: / lang="([^"]*)"/.exec(attrs)?.[1] ?? top.lang,
      // <bdi> without dir is dir=auto: its own first strong letter decides.
      dir: / dir="([^"]*)"/.exec(attrs)?.[1] ?? (name.toLowerCase() === 'bdi' ? 'auto' : top.dir),
      isolated: top.isolated || name.toLowerCase() === 'bdi',
    });
  }
  return runs;
}

/** The interface's own words as they appear on pages (labels and relative times). */
const ENGLISH_CHROME = [ENGLISH_LABELS.by, ENGLISH_LABELS.breaking, ENGLISH_LABELS.updated, ENGLISH_LABELS.corrected, ENGLISH_LABELS.share, 'Related', 'ago', 'UTC'];

function chromeRuns(runs: TextRun[]): TextRun[] {
  return runs.filter((run) => ENGLISH_CHROME.some((word) => run.text.split(/[\s,]+/).includes(word)));
}

const site = testSite();
const arabic = testContent({
  headline: 'المجلس يوافق على حظر الرافعات ليلاً',
  standfirst: 'فاز السكان بمعركة استمرت عامين.',
  dateline: { place: 'القاهرة', date: '2025-11-21' },
  bylines: [{ name: 'ليلى حداد' }, { name: 'Layla Haddad' }],
  language: 'ar',
});
const story = testPublicArticle({
  content: arabic,
  priority: 'breaking',
  revisedAt: new Date('2025-11-21T15:00:00Z'),
  correctedAt: new Date('2025-11-21T16:00:00Z'),
  corrections: [{ note: 'صُحّح عدد الأصوات.', correctedAt: new Date('2025-11-21T16:00:00Z') }],
});

describe('interface chrome in a right-to-left story on a left-to-right site', () => {
  const page = renderArticlePage(story, site);
  const runs = textRuns(page);

  it('keeps the byline in the interface’s order: "By" first, each name isolated in the article’s language', () => {
    expect(page).toMatch(/<div class="article-meta" lang="en" dir="ltr">\s*<p class="byline">By <a class="author" href="[^"]+"><bdi lang="ar">ليلى حداد<\/bdi><\/a> and <a/);
    const byline = runs.filter((run) => ['By', 'and', 'ليلى حداد', 'Layla Haddad'].includes(run.text));
    expect(byline.map(({ text, dir, isolated }) => [text, dir, isolated])).toEqual([
      ['By', 'ltr', false],
      ['ليلى حداد', 'auto', true],
      ['and', 'ltr', false],
      ['Layla Haddad', 'auto', true],
    ]);
  });

  it('sets every label of the article page in the interface’s language and direction', () => {
    const labels = chromeRuns(runs);
    // By, Breaking, the published time, "1 day ago", Updated, Corrected, the note's time, Share, Related's label and time.
    expect(labels.length).toBeGreaterThanOrEqual(9);
    expect(labels.filter((run) => run.lang !== 'en' || run.dir !== 'ltr')).toEqual([]);
  });

  it('leaves the article’s own words in its language and direction', () => {
    for (const text of ['المجلس يوافق على حظر الرافعات ليلاً', 'فاز السكان بمعركة استمرت عامين.']) {
      expect(runs.find((run) => run.text === text)).toMatchObject({ lang: 'ar', dir: 'rtl' });
    }
    // The correction note, inside the interface's notice, is isolated in the article's language.
    expect(runs.find((run) => run.text === 'صُحّح عدد الأصوات.')).toMatchObject({ lang: 'ar', dir: 'auto', isolated: true });
  });

  it('does the same on cards of the front page and search results', () => {
    const front = textRuns(renderFrontPage([story, testPublicArticle({ id: 'b', slug: 'b' })], site, { page: 1, pageSize: 20, total: 2, path: '/' }));
    const search = textRuns(
      renderSearchPage('حظر', [{ article: story, headline: arabic.headline, snippet: arabic.standfirst ?? '', rank: 1 }], site, { page: 1, pageSize: 20, total: 1, path: '/search' }),
    );
    for (const runs of [front, search]) {
      expect(chromeRuns(runs).filter((run) => run.lang !== 'en' || run.dir !== 'ltr')).toEqual([]);
      expect(runs.find((run) => run.text.includes('ليلى حداد'))).toMatchObject({ lang: 'ar', dir: 'auto', isolated: true });
    }
    expect(search.find((run) => run.text === 'حظر' && run.isolated)).toBeDefined();
  });
});

describe(chromeOf.name, () => {
  it('sets a value into a sentence label, escaping the words and keeping the value as given', () => {
    expect(fillLabel((q) => `Results for “${q}” <b>`, html`<bdi>x</bdi>`).value).toBe('Results for “<bdi>x</bdi>” &lt;b&gt;');
    expect(chromeOf({ language: 'ar' }).fill((q) => `نتائج ${q}`, '<i>', 'en').value).toBe('نتائج <bdi lang="en">&lt;i&gt;</bdi>');
    expect(chromeOf({ language: 'ar' }).attrs.value).toBe(' lang="ar" dir="rtl"');
  });
});
