import { ARTICLE_LIMITS } from './article-limits';

/**
 * True for an absolute `http:` or `https:` URL with a host, no credentials, no whitespace
 * and no backslashes. Relative URLs and every other scheme (`javascript:`, `data:`, `mailto:`…)
 * are refused: block URLs end up in `href`/`src` attributes of published pages.
 * A module of its own, free of decorators: the desk's browser bundle runs it (editorial checks).
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > ARTICLE_LIMITS.url.maxLength) return false;
  // Browsers repair `http:example.com` and `http:\\example.com`; a contract should not.
  if (!/^https?:\/\/[^/?#]/i.test(value) || /[\s\\\u0000-\u001f\u007f]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
}
