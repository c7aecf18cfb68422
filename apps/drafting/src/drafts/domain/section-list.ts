/**
 * The site's managed section list as drafting knows it: slugs, in navigation order. The draft
 * checks warn about a story filed under any other section. A port, so that where the list comes
 * from is chosen in one place (DraftsModule): today SITE_SECTIONS, read at start-up.
 */
export abstract class SectionList {
  abstract slugs(): readonly string[];
}

/** A list fixed for the life of the process (SITE_SECTIONS from the configuration). */
export class FixedSectionList extends SectionList {
  constructor(private readonly list: readonly string[]) {
    super();
  }

  slugs(): readonly string[] {
    return this.list;
  }
}
