/** Where readers find things. Slugs, sections and tags are URL-safe by construction. */
export const articlePath = (slug: string): string => `/articles/${slug}`;
export const sectionPath = (section: string): string => `/sections/${section}`;
/** A tag's page; a tag in a script kept as written (`東京`) is percent-encoded, as a URL must be. */
export const tagPath = (tag: string): string => `/tags/${encodeURIComponent(tag)}`;
/** An author's page; a name in a script kept as written (`山田太郎`) is percent-encoded, as for tags. */
export const authorPath = (slug: string): string => `/authors/${encodeURIComponent(slug)}`;

/** The canonical address of an article, announced in events, feeds, sitemaps and the page itself. */
export const articleUrl = (publicBaseUrl: string, slug: string): string => `${publicBaseUrl}${articlePath(slug)}`;
