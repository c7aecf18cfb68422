/**
 * How the desk names the parts of a story's body in its sentences — a refusal ("Block 2 (picture)
 * alt text"), a correction form ("Picture 2, caption"), the review diff ("Block 2, picture
 * caption") — so a reporter and an editor read one vocabulary: a picture, not an `image` block.
 */
const BLOCK_WORDS: Record<string, string> = { paragraph: 'paragraph', subheading: 'subheading', quote: 'quote', list: 'list', image: 'picture', embed: 'embed', related: 'related story' };
const FIELD_WORDS: Record<string, string> = {
  items: 'items',
  style: 'style',
  alt: 'alt text',
  url: 'address',
  attribution: 'attribution',
  caption: 'caption',
  credit: 'credit',
  headline: 'headline',
  teaser: 'teaser',
  provider: 'provider',
  title: 'title',
};

/** A block type in words ("picture" for `image`); an unknown type as it is. */
export function blockWord(type: string): string {
  return BLOCK_WORDS[type] ?? type;
}

/** A block type as a form labels it, at the start of a label ("Picture" for `image`, "Related story"). */
export function blockName(type: string): string {
  const word = blockWord(type);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A block's field in words ("alt text" for `alt`); an unknown field as it is. */
export function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? field;
}
