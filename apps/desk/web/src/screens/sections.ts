import { ApiError, describeError, errorDetails, service, type SiteSection, type SiteSectionList } from '../api';
import type { ScreenContext } from '../app';
import { typedInto } from '../leaving';
import { button, field, h, notice, show } from '../dom';
import { forgetSections } from '../names';
import { plainValidationWords } from '../refusals';

const PATH = '/v1/site/sections';

/**
 * Admin: the site's sections, which publishing owns and every service follows — the public
 * navigation, the subscribe choices, the editorial section check. Sections are added, renamed,
 * moved up or down and removed here, then saved together (PUT with If-Match on the version the
 * admin loaded). A removed section is retired: its stories keep their section and their pages,
 * it leaves the navigation. When another admin saved first, publishing answers 412 and the
 * screen says so, keeping this admin's list until they reload.
 */
export async function sectionsScreen(context: ScreenContext): Promise<HTMLElement> {
  let sections: SiteSection[] = [];
  let etag: string | null = null;
  let version = 0;
  let changed = false;
  const region = h('div', {});
  const message = h('div', {});

  const load = async (): Promise<void> => {
    const answer = await service<SiteSectionList>('publishing', 'GET', PATH);
    sections = answer.body.items.map(({ slug, label }) => ({ slug, label }));
    etag = answer.etag;
    version = answer.body.version;
    changed = false;
    render();
  };

  const edited = (text: string): void => {
    changed = true;
    render();
    show(message, notice('info', `${text} Not saved yet.`));
  };

  /** Moves the section at `index` by `step` and keeps the keyboard on the same button of the moved row. */
  const move = (index: number, step: -1 | 1, focus: 'up' | 'down'): void => {
    const target = index + step;
    [sections[index], sections[target]] = [sections[target], sections[index]];
    const moved = sections[target];
    edited(`${moved.label} moved ${step < 0 ? 'up' : 'down'} to position ${target + 1}.`);
    const again = region.querySelector<HTMLButtonElement>(`[data-move="${focus}"][data-slug="${moved.slug}"]`);
    (again && !again.disabled ? again : region.querySelector<HTMLButtonElement>(`[data-slug="${moved.slug}"] input`))?.focus();
  };

  const row = (section: SiteSection, index: number): HTMLElement => {
    const label = h('input', { type: 'text', value: section.label, required: true, autocomplete: 'off' });
    const up = h('button', { type: 'button', 'data-move': 'up', 'data-slug': section.slug, disabled: index === 0, onclick: () => move(index, -1, 'up') }, 'Move up');
    const down = h('button', { type: 'button', 'data-move': 'down', 'data-slug': section.slug, disabled: index === sections.length - 1, onclick: () => move(index, 1, 'down') }, 'Move down');
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () => {
          sections.splice(index, 1);
          edited(`${section.label} removed: its stories stay, it leaves the navigation once saved.`);
          // The keyboard stays where the removed row was: on the row that took its place (the one
          // above when it was the last), not back at the top of the list.
          const rows = region.querySelectorAll<HTMLElement>('li');
          rows[Math.min(index, rows.length - 1)]?.querySelector<HTMLElement>('input')?.focus();
        },
      },
      'Remove',
    );
    // Named after the label as it stands (a renamed section's too), the visible word first (WCAG 2.5.3).
    const name = (): void => {
      up.setAttribute('aria-label', `Move up: ${section.label}`);
      down.setAttribute('aria-label', `Move down: ${section.label}`);
      remove.setAttribute('aria-label', `Remove: ${section.label}`);
    };
    name();
    label.addEventListener('change', () => {
      section.label = label.value.trim();
      changed = true;
      name();
      show(message, notice('info', `${section.slug} renamed to “${section.label}”. Not saved yet.`));
      saveButton.disabled = false;
    });
    return h('li', { class: 'section-row', 'data-slug': section.slug }, field(`Label of ${section.slug}`, label, `Slug: ${section.slug}`), h('div', { class: 'actions' }, up, down, remove));
  };

  const saveButton = h('button', { type: 'button', class: 'primary', disabled: true }, 'Save sections');
  const render = (): void => {
    show(
      region,
      h('p', { class: 'hint' }, `Version ${version}. ${sections.length} section${sections.length === 1 ? '' : 's'}, in navigation order.`),
      h('ol', { class: 'section-list', 'aria-label': 'Sections in navigation order' }, sections.map(row)),
    );
    saveButton.disabled = !changed;
  };

  saveButton.addEventListener('click', () => {
    saveButton.disabled = true;
    const items = sections.map(({ slug, label }) => ({ slug, label: label.trim() }));
    void service<SiteSectionList>('publishing', 'PUT', PATH, { body: { items }, ifMatch: etag ?? `"${version}"` })
      .then(async ({ body }) => {
        // Other screens fetch the new list for their labels when they next need it.
        forgetSections();
        await load();
        show(message, notice('success', `Sections saved (version ${body.version}). Every service follows the new list within moments.`));
      })
      .catch((error: unknown) => {
        saveButton.disabled = false;
        if (error instanceof ApiError && error.status === 412) {
          const current = (error.details as { currentVersion?: number } | undefined)?.currentVersion;
          show(
            message,
            notice(
              'error',
              `Someone else saved the sections since you opened them (now version ${current ?? 'newer'}). Your changes are not saved. ` +
                'Reload to see their list, then make your changes again.',
            ),
            button('Reload the current list', () => {
              void load()
                .then(() => show(message, notice('info', 'The current list is loaded; your unsaved changes were discarded.')))
                .catch((reloadError: unknown) => show(message, notice('error', describeError(reloadError))));
            }),
          );
          return;
        }
        const problems = error instanceof ApiError ? sectionProblems(error, items) : [];
        show(message, notice('error', problems.length > 0 ? `The sections were not saved: ${problems.join('; ')}.` : describeError(error)));
      });
  });

  const slug = h('input', { type: 'text', name: 'slug', required: true, autocomplete: 'off', spellcheck: 'false' });
  const label = h('input', { type: 'text', name: 'label', required: true, autocomplete: 'off' });
  const add = h(
    'form',
    { class: 'card', 'aria-labelledby': 'add-section-title' },
    h('h2', { id: 'add-section-title' }, 'Add a section'),
    field('Slug', slug, 'As stories carry it: lowercase letters and digits, words joined by hyphens (climate-change).'),
    field('Label', label, 'The name readers see in the navigation.'),
    h('button', { type: 'submit' }, 'Add to the end'),
  );
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    const newSlug = slug.value.trim();
    if (sections.some((section) => section.slug === newSlug)) {
      show(message, notice('error', `${newSlug} is already on the list.`));
      slug.focus();
      return;
    }
    sections.push({ slug: newSlug, label: label.value.trim() });
    add.reset();
    edited(`${newSlug} added at position ${sections.length}.`);
    slug.focus();
  });

  // Moves and removals are in `changed`; a label or a new section being typed is in the fields.
  context.askBeforeLeaving(() => (changed || typedInto(region) || typedInto(add) ? 'Your changes to the sections are not saved. Leave this screen and lose them?' : null));
  await load().catch((error: unknown) => show(region, notice('error', describeError(error))));
  return h(
    'div',
    { class: 'screen' },
    h('h1', {}, 'Sections'),
    h('p', {}, 'The site’s sections in navigation order. A removed section is retired: its stories stay where they are, it leaves the navigation and the subscribe choices.'),
    message,
    region,
    h('div', { class: 'actions' }, saveButton, button('Discard changes', () => void load().then(() => show(message, notice('info', 'Changes discarded.'))))),
    add,
  );
}

/**
 * Publishing's refusal of a list, said of the rows as the screen numbers them: its details name
 * `items.6.slug` (counted from 0, in the API's words); the admin sees "Section 7 (“Sport”): its
 * slug …". Details about the list as a whole keep the service's words.
 */
function sectionProblems(error: ApiError, items: readonly SiteSection[]): string[] {
  return errorDetails(error).flatMap(({ path, message }) => {
    const found = /^items\.(\d+)\.(slug|label)$/.exec(path ?? '');
    // A problem with the list as a whole (a slug listed twice) is said as the service says it.
    if (!found) return message ? [message] : [];
    const index = Number(found[1]);
    const row = items[index];
    const what = plainValidationWords((message ?? 'is not valid').replace(/^items\.\d+\.(slug|label)\s*/, ''));
    return [`Section ${index + 1}${row?.label || row?.slug ? ` (“${row.label || row.slug}”)` : ''}: its ${found[2]} ${what}`];
  });
}
