import type { ArticleBlock } from '@newsroom/contracts';
import { findInlineLinks } from '@newsroom/contracts/inline-markup';

/**
 * What the reporter sees before submitting: the editorial checks editorial-review runs on
 * every submission (apps/editorial-review, `runEditorialChecks`), as far as the browser can
 * tell. Same codes and severities, so a story that passes here meets no surprise in the
 * queue; editorial-review's results stay the authority (they are shown to the editor).
 * Errors there block approval, so here they hold the Submit button back.
 */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface PreflightArticle {
  headline: string;
  standfirst?: string;
  dateline?: { place: string; date: string };
  section: string;
  body: ArticleBlock[];
}

const HEADLINE_RECOMMENDED_MAX_LENGTH = 110;

export function preflight(article: PreflightArticle, sections: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], code: string, message: string): number => findings.push({ code, severity, message });
  if (article.headline.trim() === '') add('error', 'HEADLINE_MISSING', 'The story has no headline');
  if ([...article.headline].length > HEADLINE_RECOMMENDED_MAX_LENGTH) {
    add('warning', 'HEADLINE_TOO_LONG', `The headline is ${[...article.headline].length} characters long; keep it to ${HEADLINE_RECOMMENDED_MAX_LENGTH} or fewer`);
  }
  if (!article.standfirst?.trim()) add('error', 'STANDFIRST_MISSING', 'The story has no standfirst (the one- or two-sentence summary under the headline)');
  if (!article.dateline?.place.trim() || !article.dateline.date) add('warning', 'DATELINE_MISSING', 'The story has no dateline (where and when it was reported)');
  if (sections.length > 0 && !sections.includes(article.section)) add('warning', 'SECTION_UNKNOWN', `The section "${article.section}" is not in the site's section list`);
  if (article.body.length === 0) add('error', 'BODY_EMPTY', 'The story has no text yet');
  article.body.forEach((block, index) => {
    const n = index + 1;
    if (block.type === 'quote' && !block.attribution?.trim()) add('error', 'QUOTE_WITHOUT_ATTRIBUTION', `The quote in block ${n} does not say who said it`);
    if (block.type === 'subheading') {
      const next = article.body[index + 1];
      if (block.text.trim() === '') add('warning', 'EMPTY_SUBHEADING_SECTION', `The subheading in block ${n} is empty`);
      else if (!next || next.type === 'subheading') add('warning', 'EMPTY_SUBHEADING_SECTION', `The subheading in block ${n} has no text under it`);
    }
    if (block.type === 'image' && !block.alt?.trim()) add('error', 'IMAGE_ALT_MISSING', `The image in block ${n} has no alt text`);
    if (block.type === 'paragraph' || block.type === 'quote') {
      for (const href of findInlineLinks(block.text)) {
        if (!/^https?:\/\/[^\s/]+/i.test(href)) add('error', 'UNSAFE_LINK', `A link in block ${n} points to "${href.slice(0, 80)}"; links must be absolute http:// or https:// addresses`);
      }
    }
  });
  return findings;
}
