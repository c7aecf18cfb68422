import { offSiteAlertUrl } from './alert.errors';

/**
 * The site whose articles we alert about (PUBLIC_SITE_URL). An alert links
 * readers to a story and lands in their inbox under our name, so its URL must
 * be one of our own pages: a forged or misrouted event pointing elsewhere
 * would make us send phishing. This is the one home of that rule.
 */
export class PublicSite {
  private readonly base: URL;
  /** The base path without its trailing slash ('' for a site at the root). */
  private readonly basePath: string;

  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error(`the public site URL must be http(s): ${baseUrl}`);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
  }

  get baseUrl(): string {
    return `${this.base.origin}${this.basePath}`;
  }

  /**
   * True when `url` is an absolute URL with the site's scheme, host and port,
   * at or below its base path, and without credentials. Dot segments and
   * percent-encoded dots are resolved by the URL parser before the comparison.
   */
  owns(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.origin !== this.base.origin || parsed.username !== '' || parsed.password !== '') return false;
    return this.basePath === '' || parsed.pathname === this.basePath || parsed.pathname.startsWith(`${this.basePath}/`);
  }

  /** Throws ALERT.OFF_SITE_URL (a DomainError: a consumer dead-letters the event) unless the site owns `url`. */
  assertOwns(url: string): void {
    if (!this.owns(url)) throw offSiteAlertUrl(url, this.baseUrl);
  }
}
