import { request, service, type SiteSection, type SiteSectionList } from './api';

/**
 * What people read in place of ids: colleagues' names for the account ids the services record
 * (the `sub` of the tokens the desk mints), and section labels for the slugs stories carry.
 * Both lists are kept in memory for the page's life, so a screen that polls does not ask again.
 */

/** Display names by account id (GET /api/accounts/names). */
export type PeopleNames = ReadonlyMap<string, string>;

/**
 * The name of the account `id`, or "you" when it is `selfId` (the signed-in person); an id that
 * is not a desk account (a token from the dev token command, an account since deleted) shows as
 * itself, a long one shortened to its first 8 characters.
 */
export function personName(names: PeopleNames, id: string, selfId?: string): string {
  if (selfId !== undefined && id === selfId) return 'you';
  return names.get(id) ?? shortId(id);
}

export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The label readers see for a section slug; a slug no longer in the list shows as itself. */
export function sectionLabel(sections: readonly SiteSection[], slug: string): string {
  return sections.find((s) => s.slug === slug)?.label ?? slug;
}

/** How long a fetched list of names counts as current when an id it lacks turns up. */
const NAMES_FRESH_MS = 60_000;

let names: { byId: Map<string, string>; at: number } | undefined;
let namesLoading: Promise<PeopleNames> | undefined;

/**
 * Colleagues' names, fetched once per page load. An id among `ids` that the list lacks is
 * probably someone invited since: the list is fetched again then, at most once a minute (ids
 * that are no desk account's would otherwise ask on every refresh). Names are a nicety: when
 * they cannot be fetched the screens show ids and go on.
 */
export async function peopleNames(ids: Iterable<string | null | undefined> = []): Promise<PeopleNames> {
  const known = names;
  if (known && (Date.now() - known.at <= NAMES_FRESH_MS || [...ids].every((id) => !id || known.byId.has(id)))) return known.byId;
  namesLoading ??= (async () => {
    try {
      const { body } = await request<{ items: { id: string; name: string }[] }>('GET', '/api/accounts/names');
      names = { byId: new Map(body.items.map((item) => [item.id, item.name])), at: Date.now() };
      return names.byId;
    } catch {
      return known?.byId ?? new Map<string, string>();
    } finally {
      namesLoading = undefined;
    }
  })();
  return namesLoading;
}

let sections: Promise<SiteSection[]> | undefined;

/**
 * The site's sections as publishing manages them (GET /v1/site/sections through the proxy), as
 * slugs with labels, fetched now: the story editor and the sections screen want the current list.
 * An empty list when publishing cannot be reached.
 */
export function loadSections(): Promise<SiteSection[]> {
  const loading = service<SiteSectionList>('publishing', 'GET', '/v1/site/sections').then(
    ({ body }) => body.items.map(({ slug, label }) => ({ slug, label })),
    () => {
      // Not kept: the next screen asks again.
      if (sections === loading) sections = undefined;
      return [];
    },
  );
  sections = loading;
  return loading;
}

/** The section list for labels in tables and lists: the one loaded last on this page, else fetched. */
export function sectionList(): Promise<SiteSection[]> {
  return sections ?? loadSections();
}

/** After signing out: the next screen fetches names and sections again. */
export function forgetNames(): void {
  names = undefined;
  forgetSections();
}

/** Once an admin saved new sections: the next screen that needs labels fetches the list again. */
export function forgetSections(): void {
  sections = undefined;
}
