import { cacheKeyOf } from './page-cache.http';

describe(cacheKeyOf.name, () => {
  it('keys the kept pages by path, and by `page` when asked', () => {
    expect(cacheKeyOf('/')).toBe('/');
    expect(cacheKeyOf('/articles/ferry-timetable-doubles')).toBe('/articles/ferry-timetable-doubles');
    expect(cacheKeyOf('/sections/harbour?page=2')).toBe('/sections/harbour?page=2');
    expect(cacheKeyOf('/corrections?')).toBe('/corrections');
  });

  it('keeps nothing for other pages, other parameters or `page` twice', () => {
    expect(cacheKeyOf('/search?q=ferry')).toBeNull();
    expect(cacheKeyOf('/articles/x/corrections')).toBeNull();
    expect(cacheKeyOf('/articles/x?utm_source=mail')).toBeNull();
    expect(cacheKeyOf('/tags/port?page=1&page=2')).toBeNull();
    expect(cacheKeyOf('/v1/articles')).toBeNull();
  });
});
