import { Node, mergeAttributes, wrappingInputRule, type Extensions } from '@tiptap/core';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import { blockName } from '../block-words';
import { NODE, SUBHEADING_LEVEL } from './article-doc';

/**
 * The editor's schema: exactly the article block model (article-doc.ts maps it), nothing
 * more. StarterKit gives paragraphs, bold, italic, links, bulleted and numbered lists and undo;
 * every other StarterKit node and mark is switched off because the block model has no place
 * for it (a pasted code block arrives as paragraphs).
 */

/**
 * A list's item holds one paragraph and nothing else: the model's lists are one level deep
 * and each item is a line of inline markup, so Tab does not nest (a pasted nested list comes in
 * as items of the outer one: pasted-html.ts).
 */
const ArticleListItem = ListItem.extend({ content: NODE.paragraph });

/**
 * A numbered list counts from 1 in decimal, as the model does (it keeps no start and no
 * lettering): typing "3. " or pasting a list that starts at 5 or counts a, b, c shows 1, 2, 3
 * here too, rather than a list that renumbers itself once saved.
 */
const ArticleOrderedList = OrderedList.extend({
  addAttributes() {
    return { start: { default: 1, parseHTML: () => 1 }, type: { default: null, parseHTML: () => null } };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^(\d+)\.\s$/, type: this.type, getAttributes: () => ({ start: 1 }) })];
  },
});

/** Subheading: an h2 of plain text (no marks: the model keeps subheadings plain). */
const Subheading = Node.create({
  name: NODE.subheading,
  group: 'block',
  content: 'text*',
  marks: '',
  defining: true,
  addAttributes() {
    return { level: { default: SUBHEADING_LEVEL, rendered: false } };
  },
  parseHTML() {
    return [{ tag: 'h2' }, { tag: 'h3' }, { tag: 'h4' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['h2', mergeAttributes(HTMLAttributes, { class: 'subheading' }), 0];
  },
  addKeyboardShortcuts() {
    return { 'Mod-Alt-2': () => this.editor.commands.setNode(NODE.subheading) };
  },
});

/** Quote: the quoted words (with marks) and who said them (plain), both typed in place. */
const Quote = Node.create({
  name: NODE.quote,
  group: 'block',
  content: `${NODE.quoteText} ${NODE.quoteAttribution}`,
  defining: true,
  isolating: true,
  parseHTML() {
    return [{ tag: 'figure.quote' }, { tag: 'blockquote', getContent: undefined }];
  },
  renderHTML() {
    return ['figure', { class: 'quote' }, 0];
  },
  addKeyboardShortcuts() {
    return {
      // Enter in the words moves on to the attribution; Enter there leaves the quote.
      Enter: () => {
        const { $from } = this.editor.state.selection;
        const parent = $from.parent.type.name;
        if (parent === NODE.quoteText) return this.editor.commands.setTextSelection($from.after() + 1);
        if (parent === NODE.quoteAttribution) {
          const after = $from.after($from.depth - 1);
          return this.editor.chain().insertContentAt(after, { type: NODE.paragraph }).setTextSelection(after + 1).run();
        }
        return false;
      },
    };
  },
});

const QuoteText = Node.create({
  name: NODE.quoteText,
  content: 'text*',
  marks: 'bold italic link',
  parseHTML() {
    return [{ tag: 'blockquote' }];
  },
  renderHTML() {
    return ['blockquote', { class: 'quote-text', 'data-placeholder': 'Quoted words' }, 0];
  },
});

const QuoteAttribution = Node.create({
  name: NODE.quoteAttribution,
  content: 'text*',
  marks: '',
  parseHTML() {
    return [{ tag: 'figcaption' }];
  },
  renderHTML() {
    return ['figcaption', { class: 'quote-attribution', 'data-placeholder': 'Who said it' }, 0];
  },
});

/** An atom block whose fields are edited in a form beside the text (block-form.ts). */
function atomBlock(name: string, attributes: string[], label: (attrs: Record<string, unknown>) => string[]) {
  return Node.create({
    name,
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes() {
      return Object.fromEntries(attributes.map((attribute) => [attribute, { default: null, rendered: false }]));
    },
    parseHTML() {
      return [{ tag: `div[data-block="${name}"]` }];
    },
    renderHTML({ node }) {
      const [title, ...lines] = label(node.attrs);
      return ['div', { 'data-block': name, class: `block-card block-${name}` }, ['strong', {}, title], ...lines.map((line) => ['span', {}, line])];
    },
  });
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const Image = atomBlock(NODE.image, ['url', 'alt', 'caption', 'credit', 'width', 'height', 'renditions'], (a) => [
  blockName(NODE.image),
  `Alt text: ${text(a.alt) || '(missing)'}`,
  text(a.caption) && `Caption: ${text(a.caption)}`,
  text(a.credit) && `Credit: ${text(a.credit)}`,
  text(a.url),
].filter(Boolean));

export const Embed = atomBlock(NODE.embed, ['url', 'provider', 'title'], (a) => [blockName(NODE.embed), text(a.title) || text(a.url), text(a.provider)].filter(Boolean));

export const Related = atomBlock(NODE.related, ['url', 'headline', 'teaser', 'publishedAt'], (a) => [
  blockName(NODE.related),
  text(a.headline),
  text(a.teaser),
  text(a.url),
].filter(Boolean));

export function articleExtensions(): Extensions {
  return [
    StarterKit.configure({
      blockquote: false,
      // Lists are kept; their items and numbering are ArticleListItem's and ArticleOrderedList's, below.
      listItem: false,
      orderedList: false,
      code: false,
      codeBlock: false,
      heading: false,
      horizontalRule: false,
      hardBreak: false,
      strike: false,
      underline: false,
      link: { openOnClick: false, autolink: false, linkOnPaste: true, protocols: ['http', 'https'], defaultProtocol: 'https' },
    }),
    ArticleListItem,
    ArticleOrderedList,
    Subheading,
    Quote,
    QuoteText,
    QuoteAttribution,
    Image,
    Embed,
    Related,
  ];
}
