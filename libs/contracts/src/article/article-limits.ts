import { MESSAGE_LIMITS } from '../limits';

/** The body block types, in the order the API documentation lists them. */
export const BLOCK_TYPES = ['paragraph', 'subheading', 'quote', 'list', 'image', 'embed', 'related'] as const;

export type ArticleBlockType = (typeof BLOCK_TYPES)[number];

/** How a list block is marked: bullets, or numbers from 1 (the order matters: steps, a ranking). */
export const LIST_STYLES = ['bulleted', 'numbered'] as const;

export type ListStyle = (typeof LIST_STYLES)[number];

/**
 * Every size limit of the article content model. Validation, the editorial checks and the API
 * documentation all read these numbers, so a limit changes in one place.
 * Lengths count characters as class-validator's Length (validator.js isLength) does: code points,
 * not UTF-16 units (an emoji outside the BMP is one), with presentation selectors not counted.
 */
export const ARTICLE_LIMITS = {
  headline: { minLength: 1, maxLength: 300 },
  standfirst: { maxLength: 600 },
  dateline: { place: { minLength: 1, maxLength: 100 } },
  section: { maxLength: 40 },
  /** `labelMaxLength`: a tag as it was typed (tagLabels), which may be longer than its slug ("Київ" is `kiyiv`). */
  tags: { maxItems: 20, maxLength: 40, labelMaxLength: 60 },
  bylines: { minItems: 1, maxItems: 10, name: { minLength: 1, maxLength: 120 }, id: { minLength: 1, maxLength: 100 } },
  /**
   * `maxJsonBytes` bounds the whole body as JSON in UTF-8, so that an article fits in one event
   * on the broker (MESSAGE_LIMITS): 500 blocks of the largest kind would not.
   */
  body: { minItems: 1, maxItems: 500, maxJsonBytes: MESSAGE_LIMITS.articleJsonBytes },
  url: { maxLength: 2048 },
  blocks: {
    paragraph: { text: { minLength: 1, maxLength: 10_000 } },
    subheading: { text: { minLength: 0, maxLength: 300 } },
    quote: { text: { minLength: 1, maxLength: 2_000 }, attribution: { maxLength: 200 } },
    /** One level of items (a list inside a list is not part of the model), each a line of inline markup. */
    list: { items: { minItems: 1, maxItems: 100 }, item: { minLength: 1, maxLength: 2_000 } },
    image: {
      alt: { minLength: 1, maxLength: 500 },
      caption: { maxLength: 1_000 },
      credit: { maxLength: 200 },
      /** Intrinsic sizes in CSS pixels, for `width`/`height` and `srcset` descriptors. */
      pixels: { min: 1, max: 20_000 },
      renditions: { maxItems: 12 },
    },
    embed: { provider: { maxLength: 50 }, title: { maxLength: 300 } },
    related: { headline: { minLength: 1, maxLength: 300 }, teaser: { maxLength: 600 } },
  },
} as const;

/** Lowercase words joined by single hyphens: `politics`, `climate-change`, `cop-30`. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A language code with an optional region: `en`, `uk`, `en-GB`. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** A calendar date without time: `2025-11-21`. */
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
