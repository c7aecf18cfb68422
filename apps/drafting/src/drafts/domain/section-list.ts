/**
 * The site's managed section list as drafting knows it: slugs, in navigation order. The draft
 * checks warn about a story filed under any other section. A port, so that where the list comes
 * from is chosen in one place (DraftsModule): publishing's managed list as SiteSectionList keeps
 * it (SITE_SECTIONS until the first news.site.sections-changed.v1 arrives).
 */
export abstract class SectionList {
  abstract slugs(): readonly string[];
}
