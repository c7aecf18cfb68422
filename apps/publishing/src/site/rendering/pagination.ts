import { html, type SafeHtml } from '@newsroom/html';

/** Where a list stands: which page of how many stories, under which address. */
export interface Paging {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Every story in the list, beyond this page too. */
  total: number;
  /** The list's site path without `page`: `/`, `/tags/ports`, `/search`. */
  path: string;
  /** Other query parameters the list keeps from page to page (a search's `q`). */
  params?: Record<string, string>;
}

export function lastPage(paging: Paging): number {
  return Math.max(1, Math.ceil(paging.total / paging.pageSize));
}

/** The site path of page `page` of the list; page 1 has no `page` parameter, so it has one address. */
export function pagePath(paging: Paging, page: number): string {
  const query = new URLSearchParams(paging.params ?? {});
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `${paging.path}?${search}` : paging.path;
}

/** The neighbouring pages' paths, for `<link rel="prev|next">` and the page's own links. */
export function neighbours(paging: Paging): { prev?: string; next?: string } {
  return {
    ...(paging.page > 1 ? { prev: pagePath(paging, paging.page - 1) } : {}),
    ...(paging.page < lastPage(paging) ? { next: pagePath(paging, paging.page + 1) } : {}),
  };
}

/** "Newer stories · Page 2 of 5 · Older stories", as links with rel=prev/next; nothing for a single page. */
export function renderPagination(paging: Paging, labels: { prev: string; next: string; pageOf: (page: number, of: number) => string }): SafeHtml | null {
  const last = lastPage(paging);
  if (last <= 1) return null;
  const { prev, next } = neighbours(paging);
  return html`<nav class="pagination" aria-label="Pages">
${prev ? html`<a class="pagination-prev" rel="prev" href="${prev}">${labels.prev}</a>` : null}
<span class="pagination-status">${labels.pageOf(paging.page, last)}</span>
${next ? html`<a class="pagination-next" rel="next" href="${next}">${labels.next}</a>` : null}
</nav>`;
}
