import { isHttpUrl, labelOfTag, type ArticleContent, type ImageBlock } from '@newsroom/contracts';

/** "climate-change" → "Climate change": section and tag slugs as readers see them. */
export function humanize(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A tag as readers see it, wherever the site names one (the story's topics, a tag page, feeds,
 * ninjs, link previews): the words it was typed as (ArticleContent.tagLabels: "Gdańsk Street",
 * "Київ", "iPhone"), else its slug's words (humanize). A label typed all in lower case starts
 * with a capital, as a slug's words do, so a story's topics read alike.
 */
export function tagName(tag: string, labels?: Readonly<Record<string, string>>): string {
  const label = labelOfTag(tag, labels);
  if (label === undefined) return humanize(tag);
  return label === label.toLocaleLowerCase() ? label.charAt(0).toLocaleUpperCase() + label.slice(1) : label;
}

/** "A", "A and B", "A, B and C" (with the interface's word for "and"). */
export function joinNames(names: readonly string[], and = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

/** The first image of the body, used as the article's picture in lists, feeds and link previews. */
export function leadImage(content: ArticleContent): ImageBlock | undefined {
  return content.body.find((block): block is ImageBlock => block.type === 'image' && isHttpUrl(block.url));
}

/** The words of the site's interface that are not an article's own, in one language. */
export interface InterfaceLabels {
  skipToContent: string;
  home: string;
  sections: string;
  corrections: string;
  latest: string;
  breaking: string;
  by: string;
  and: string;
  share: string;
  topics: string;
  relatedStories: string;
  /** Over a related-story teaser in an article's body. */
  related: string;
  /** Over an embed whose provider is known ("Watch on YouTube"), and over one whose provider is not. */
  watchOn: (provider: string) => string;
  externalContent: string;
  /** How often the story was shared (a count above 0). */
  sharedTimes: (count: number) => string;
  updated: string;
  corrected: string;
  correction: string;
  correctionsHeading: string;
  timesShownIn: (zone: string) => string;
  latestNewsFrom: (site: string) => string;
  nothingPublished: string;
  noStoriesHere: string;
  correctionsIntro: string;
  noCorrections: string;
  withdrawnLabel: string;
  notFoundTitle: string;
  notFoundText: string;
  goToFront: string;
  orSearch: string;
  withdrawnTitle: string;
  withdrawnText: (site: string, date: string) => string;
  readCorrections: string;
  goneTitle: string;
  goneText: string;
  serverErrorTitle: string;
  badAddressTitle: string;
  unavailableTitle: string;
  tryAgain: string;
  search: string;
  searchPlaceholder: string;
  searchResultsFor: (query: string) => string;
  searchResultCount: (count: number) => string;
  searchNothingFound: (query: string) => string;
  searchPrompt: string;
  newer: string;
  older: string;
  /** The corrections log's page links. */
  newerCorrections: string;
  olderCorrections: string;
  previousResults: string;
  moreResults: string;
  pageOf: (page: number, of: number) => string;
  tag: string;
  author: string;
  storiesBy: (name: string) => string;
  storiesTagged: (tag: string) => string;
  /** The signup box (subscribe-box.ts). */
  subscribe: SubscribeLabels;
}

/** The signup box's words: the e-mail form and the "Get alerts" button with its outcomes. */
export interface SubscribeLabels {
  heading: string;
  email: string;
  sections: string;
  breakingOnly: string;
  subscribe: string;
  confirmFirst: string;
  getAlerts: string;
  alertsOn: string;
  /** The link, beside "alerts are on", to the browser's own preference page (change or stop). */
  manageAlerts: string;
  alertsBlocked: string;
  alertsFailed: string;
  /** While the browser and its push service are asked (it can take a while, or never answer). */
  alertsWorking: string;
}

export const ENGLISH_LABELS: InterfaceLabels = {
  skipToContent: 'Skip to content',
  home: 'Home',
  sections: 'Sections',
  corrections: 'Corrections',
  latest: 'Latest',
  breaking: 'Breaking',
  by: 'By',
  and: 'and',
  share: 'Share',
  topics: 'Topics',
  relatedStories: 'Related stories',
  related: 'Related',
  watchOn: (provider) => `Watch on ${provider}`,
  externalContent: 'External content',
  sharedTimes: (count) => (count === 1 ? 'Shared once' : `Shared ${count} times`),
  updated: 'Updated',
  corrected: 'Corrected',
  correction: 'Correction',
  correctionsHeading: 'Corrections',
  timesShownIn: (zone) => `Times are shown in ${zone}.`,
  latestNewsFrom: (site) => `The latest news from ${site}.`,
  nothingPublished: 'Nothing has been published yet.',
  noStoriesHere: 'No stories here yet.',
  correctionsIntro: 'When we get something wrong, we correct it and say so here and on the article itself.',
  noCorrections: 'No corrections have been published.',
  withdrawnLabel: '(withdrawn)',
  notFoundTitle: 'Page not found',
  notFoundText: 'We could not find the page you were looking for. It may have moved, or the address may be mistyped.',
  goToFront: 'Go to the front page',
  orSearch: 'search our stories',
  withdrawnTitle: 'This article has been withdrawn',
  withdrawnText: (site, date) => `It was removed from ${site} on ${date} and is no longer available.`,
  readCorrections: 'Read our corrections',
  goneTitle: 'This page has been removed',
  goneText: 'The page that was here is no longer available.',
  serverErrorTitle: 'Something went wrong on our side',
  badAddressTitle: 'This address is not quite right',
  unavailableTitle: 'This page is not available',
  tryAgain: 'Please try again in a moment.',
  search: 'Search',
  searchPlaceholder: 'Search stories',
  searchResultsFor: (query) => `Results for “${query}”`,
  searchResultCount: (count) => (count === 1 ? '1 story' : `${count} stories`),
  searchNothingFound: (query) => `No stories match “${query}”. Try other words, or fewer of them.`,
  searchPrompt: 'Search every story we have published.',
  newer: '← Newer stories',
  older: 'Older stories →',
  newerCorrections: '← Newer corrections',
  olderCorrections: 'Older corrections →',
  previousResults: '← Previous results',
  moreResults: 'More results →',
  pageOf: (page, of) => `Page ${page} of ${of}`,
  tag: 'Topic',
  author: 'Author',
  storiesBy: (name) => `Stories by ${name}`,
  storiesTagged: (tag) => `Stories about ${tag}`,
  subscribe: {
    heading: 'Get the news by email',
    email: 'Email address',
    sections: 'Sections',
    breakingOnly: 'Breaking news only',
    subscribe: 'Subscribe',
    confirmFirst: 'We email you a link to confirm first. Every email has a link to change what you get or to stop.',
    getAlerts: 'Get alerts in this browser',
    alertsOn: 'Alerts are on in this browser.',
    manageAlerts: 'Change or stop them',
    alertsBlocked: 'This browser blocks notifications from this site; allow them in its settings to get alerts.',
    alertsFailed: 'Alerts could not be switched on just now. Please try again later.',
    alertsWorking: 'Switching alerts on…',
  },
};

/** Ukrainian plural of a count: 1 історія, 2 історії, 5 історій. */
function ukrainianStories(count: number): string {
  const tens = count % 100;
  const ones = count % 10;
  if (ones === 1 && tens !== 11) return `${count} історія`;
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) return `${count} історії`;
  return `${count} історій`;
}

/** Ukrainian plural of a share count: поширено 1 раз, 2 рази, 5 разів. */
function ukrainianTimes(count: number): string {
  const tens = count % 100;
  const ones = count % 10;
  const word = ones === 1 && tens !== 11 ? 'раз' : ones >= 2 && ones <= 4 && (tens < 12 || tens > 14) ? 'рази' : 'разів';
  return `Поширено ${count} ${word}`;
}

export const UKRAINIAN_LABELS: InterfaceLabels = {
  skipToContent: 'Перейти до змісту',
  home: 'Головна',
  sections: 'Розділи',
  corrections: 'Виправлення',
  latest: 'Останнє',
  breaking: 'Терміново',
  by: 'Автор:',
  and: 'і',
  share: 'Поширити',
  topics: 'Теми',
  relatedStories: 'Схожі матеріали',
  related: 'Також читайте',
  watchOn: (provider) => `Дивитися на ${provider}`,
  externalContent: 'Зовнішній вміст',
  sharedTimes: ukrainianTimes,
  updated: 'Оновлено',
  corrected: 'Виправлено',
  correction: 'Виправлення',
  correctionsHeading: 'Виправлення',
  timesShownIn: (zone) => `Час указано за часовим поясом ${zone}.`,
  latestNewsFrom: (site) => `Останні новини від «${site}».`,
  nothingPublished: 'Ще нічого не опубліковано.',
  noStoriesHere: 'Тут поки немає матеріалів.',
  correctionsIntro: 'Коли ми помиляємося, ми це виправляємо і повідомляємо тут і в самому матеріалі.',
  noCorrections: 'Виправлень ще не було.',
  withdrawnLabel: '(знято з публікації)',
  notFoundTitle: 'Сторінку не знайдено',
  notFoundText: 'Ми не змогли знайти сторінку, яку ви шукали. Можливо, її перенесено або адресу введено з помилкою.',
  goToFront: 'Перейти на головну',
  orSearch: 'пошукати матеріали',
  withdrawnTitle: 'Цей матеріал знято з публікації',
  withdrawnText: (site, date) => `Його видалено з «${site}» ${date}, і він більше не доступний.`,
  readCorrections: 'Наші виправлення',
  goneTitle: 'Цю сторінку видалено',
  goneText: 'Сторінка, що була тут, більше не доступна.',
  serverErrorTitle: 'Щось пішло не так з нашого боку',
  badAddressTitle: 'Ця адреса не зовсім правильна',
  unavailableTitle: 'Ця сторінка недоступна',
  tryAgain: 'Спробуйте ще раз за мить.',
  search: 'Пошук',
  searchPlaceholder: 'Шукати матеріали',
  searchResultsFor: (query) => `Результати для «${query}»`,
  searchResultCount: ukrainianStories,
  searchNothingFound: (query) => `Немає матеріалів для «${query}». Спробуйте інші слова або менше слів.`,
  searchPrompt: 'Шукайте серед усіх наших публікацій.',
  newer: '← Новіші',
  older: 'Старіші →',
  newerCorrections: '← Новіші виправлення',
  olderCorrections: 'Старіші виправлення →',
  previousResults: '← Попередні результати',
  moreResults: 'Більше результатів →',
  pageOf: (page, of) => `Сторінка ${page} з ${of}`,
  tag: 'Тема',
  author: 'Автор',
  storiesBy: (name) => `Матеріали автора ${name}`,
  storiesTagged: (tag) => `Матеріали на тему «${tag}»`,
  subscribe: {
    heading: 'Новини електронною поштою',
    email: 'Адреса електронної пошти',
    sections: 'Розділи',
    breakingOnly: 'Лише термінові новини',
    subscribe: 'Підписатися',
    confirmFirst: 'Спершу ми надішлемо посилання для підтвердження. У кожному листі є посилання, щоб змінити підписку або відмовитися.',
    getAlerts: 'Отримувати сповіщення в браузері',
    alertsOn: 'Сповіщення в цьому браузері увімкнено.',
    manageAlerts: 'Змінити або вимкнути їх',
    alertsBlocked: 'Цей браузер блокує сповіщення від сайту; дозвольте їх у налаштуваннях.',
    alertsFailed: 'Не вдалося ввімкнути сповіщення. Спробуйте пізніше.',
    alertsWorking: 'Вмикаємо сповіщення…',
  },
};

export const INTERFACE_LABELS: Record<string, InterfaceLabels> = { en: ENGLISH_LABELS, uk: UKRAINIAN_LABELS };

/** The site's interface words in its interface language (English for one without labels). */
export function labelsOf(site: { language: string }): InterfaceLabels {
  return INTERFACE_LABELS[site.language] ?? ENGLISH_LABELS;
}
