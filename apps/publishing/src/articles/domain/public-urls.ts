/** Where readers find things. Slugs and sections are URL-safe by construction. */
export const articlePath = (slug: string): string => `/articles/${slug}`;
export const sectionPath = (section: string): string => `/sections/${section}`;

/** The canonical address of an article, announced in events, feeds, sitemaps and the page itself. */
export const articleUrl = (publicBaseUrl: string, slug: string): string => `${publicBaseUrl}${articlePath(slug)}`;
