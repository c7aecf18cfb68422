import { lastPage, neighbours, pagePath, type Paging } from './pagination';

describe('pagination', () => {
  const paging = (page: number, total: number, params?: Record<string, string>): Paging => ({ page, pageSize: 30, total, path: '/tags/ports', params });

  it('counts pages, with one page even for an empty list', () => {
    expect([lastPage(paging(1, 0)), lastPage(paging(1, 30)), lastPage(paging(1, 31))]).toEqual([1, 1, 2]);
  });

  it('gives page 1 one address, without a page parameter', () => {
    expect(pagePath(paging(2, 90), 1)).toBe('/tags/ports');
    expect(pagePath(paging(1, 90), 2)).toBe('/tags/ports?page=2');
    expect(pagePath(paging(1, 90, { q: 'a b&c' }), 2)).toBe('/tags/ports?q=a+b%26c&page=2');
  });

  it('links the previous and next pages only where they exist', () => {
    expect(neighbours(paging(1, 90))).toEqual({ next: '/tags/ports?page=2' });
    expect(neighbours(paging(2, 90))).toEqual({ prev: '/tags/ports', next: '/tags/ports?page=3' });
    expect(neighbours(paging(3, 90))).toEqual({ prev: '/tags/ports?page=2' });
  });
});
