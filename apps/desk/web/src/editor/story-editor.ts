import { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import type { ArticleBlock } from '@newsroom/contracts';
import { MESSAGE_LIMITS } from '@newsroom/contracts/limits';
import { withoutUnsupportedCharacters } from '@newsroom/contracts/text';
import { describeError, uploadImage } from '../api';
import { blockName, blockWord } from '../block-words';
import { button, field, h, notice, show } from '../dom';
import { NODE, blocksToDoc, docToBlocks, type DocNode } from './article-doc';
import { pastedHtmlForEditor } from './pasted-html';
import { articleExtensions } from './schema';

/** The body editor: a toolbar, the TipTap editor, and a form for the fields of image, embed and related blocks. */
export interface StoryEditor {
  element: HTMLElement;
  body(): ArticleBlock[];
  setBody(body: readonly ArticleBlock[]): void;
  setEditable(editable: boolean): void;
  /** The story's writing direction (its language's): Arabic or Hebrew text is typed right to left. */
  setDirection(direction: 'ltr' | 'rtl'): void;
  destroy(): void;
}

type AtomKind = typeof NODE.image | typeof NODE.embed | typeof NODE.related;

/** The fields of each atom block, in form order: [attribute, label, required, hint]. */
const ATOM_FIELDS: Record<AtomKind, [string, string, boolean, string?][]> = {
  image: [
    ['url', 'Picture address', true, 'https:// address of the picture, filled in by an upload'],
    ['alt', 'Alt text', true, 'What the picture shows, for readers who cannot see it'],
    ['caption', 'Caption', false],
    ['credit', 'Credit', false, 'Photographer or agency'],
  ],
  embed: [
    ['url', 'Embed URL', true],
    ['provider', 'Provider', false],
    ['title', 'Title', false],
  ],
  related: [
    ['url', 'Story URL', true],
    ['headline', 'Headline', true],
    ['teaser', 'Teaser', false],
  ],
};

export function createStoryEditor(initial: readonly ArticleBlock[], onChange: () => void): StoryEditor {
  const surface = h('div', { class: 'editor-surface' });
  const blockForm = h('div', { class: 'block-form-region' });
  const linkForm = h('div', { class: 'link-form-region' });
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Text formatting and blocks' });

  const editor = new Editor({
    element: surface,
    extensions: articleExtensions(),
    content: blocksToDoc(initial),
    // Its rules are in styles.css: an injected <style> element would need 'unsafe-inline' in the CSP.
    injectCSS: false,
    // Only the lists' shortcuts ("- ", "1. ") act on what is typed or pasted: bold and italic's
    // would turn "2 * 3 * 4" into an italic 3 and drop the asterisks, quietly changing the copy.
    // Marks come from the toolbar and Ctrl+B / Ctrl+I.
    enableInputRules: [NODE.bulletList, NODE.orderedList],
    enablePasteRules: ['link'],
    editorProps: {
      attributes: { class: 'prose', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Story body' },
      // What a word processor puts on the clipboard may hold control characters the newsroom
      // refuses (Word's line break is a vertical tab): cleaned here, or every save would fail.
      // Its lists, tables, bold and italic are made into what the story has (pasted-html.ts).
      transformPastedText: (text) => withoutUnsupportedCharacters(text),
      transformPastedHTML: (html) => pastedHtmlForEditor(withoutUnsupportedCharacters(html)),
    },
    onUpdate: () => onChange(),
    onSelectionUpdate: () => refreshToolbar(),
    onTransaction: () => refreshToolbar(),
  });

  const tool = (label: string, shortcut: string | undefined, run: () => void, active?: () => boolean): HTMLButtonElement => {
    const control = button(label, () => {
      // Focus first and synchronously: TipTap's focus() waits a frame, and a key typed in that
      // frame would land on the button instead of the text.
      editor.view.focus();
      run();
      refreshToolbar();
    }, { 'aria-keyshortcuts': shortcut, title: shortcut ? `${label} (${shortcut})` : label, class: 'tool' });
    if (active) control.dataset.toggle = 'true';
    tools.push([control, active]);
    return control;
  };
  const tools: [HTMLButtonElement, (() => boolean) | undefined][] = [];

  toolbar.append(
    tool('Bold', 'Control+B', () => editor.chain().focus().toggleBold().run(), () => editor.isActive('bold')),
    tool('Italic', 'Control+I', () => editor.chain().focus().toggleItalic().run(), () => editor.isActive('italic')),
    tool('Link', undefined, () => openLinkForm(), () => editor.isActive('link')),
    tool('Paragraph', undefined, () => editor.chain().focus().setNode(NODE.paragraph).run(), () => editor.isActive(NODE.paragraph)),
    tool('Subheading', 'Control+Alt+2', () => editor.chain().focus().setNode(NODE.subheading).run(), () => editor.isActive(NODE.subheading)),
    tool('Bulleted list', 'Control+Shift+8', () => editor.chain().focus().toggleBulletList().run(), () => editor.isActive(NODE.bulletList)),
    tool('Numbered list', 'Control+Shift+7', () => editor.chain().focus().toggleOrderedList().run(), () => editor.isActive(NODE.orderedList)),
    tool('Quote', undefined, () => insertQuote()),
    // Named as the desk names these blocks everywhere else (block-words.ts): a picture, an embed, a related story.
    tool(blockName(NODE.image), undefined, () => openBlockForm(NODE.image)),
    tool(blockName(NODE.embed), undefined, () => openBlockForm(NODE.embed)),
    tool(blockName(NODE.related), undefined, () => openBlockForm(NODE.related)),
    tool('Edit block', undefined, () => editSelectedBlock()),
  );

  function refreshToolbar(): void {
    for (const [control, active] of tools) {
      if (active) control.setAttribute('aria-pressed', String(active()));
      control.disabled = !editor.isEditable;
    }
    const editBlock = tools[tools.length - 1][0];
    editBlock.hidden = selectedAtom() === undefined;
  }

  /** A quote after the current block (or in place of an empty paragraph), the cursor in its words. */
  function insertQuote(): void {
    const { $from } = editor.state.selection;
    const quote = { type: NODE.quote, content: [{ type: NODE.quoteText }, { type: NODE.quoteAttribution }] } satisfies DocNode;
    const emptyParagraph = $from.depth >= 1 && $from.parent.type.name === NODE.paragraph && $from.parent.content.size === 0;
    const at = $from.depth === 0 ? $from.pos : emptyParagraph ? $from.before(1) : $from.after(1);
    const chain = editor.chain().focus();
    if (emptyParagraph) chain.deleteRange({ from: at, to: $from.after(1) });
    // quote opens at `at`, its quoteText at `at + 1`: the words start at `at + 2`.
    chain.insertContentAt(at, quote).setTextSelection(at + 2).run();
  }

  function selectedAtom(): { kind: AtomKind; attrs: Record<string, unknown> } | undefined {
    const selection = editor.state.selection;
    if (!(selection instanceof NodeSelection)) return undefined;
    const name = selection.node.type.name;
    return name in ATOM_FIELDS ? { kind: name as AtomKind, attrs: selection.node.attrs } : undefined;
  }

  function editSelectedBlock(): void {
    const atom = selectedAtom();
    if (atom) openBlockForm(atom.kind, atom.attrs);
  }

  function openBlockForm(kind: AtomKind, existing?: Record<string, unknown>): void {
    const inputs = ATOM_FIELDS[kind].map(([name, label, required, hint]) => {
      const input = h('input', { type: name === 'url' ? 'url' : 'text', name, required, value: typeof existing?.[name] === 'string' ? (existing[name] as string) : '' });
      return { name, label, required, input, element: field(label + (required ? ' (required)' : ''), input, hint) };
    });
    const close = (): void => {
      show(blockForm);
      editor.commands.focus();
    };
    const upload = kind === NODE.image ? imageUpload(inputs.find((i) => i.name === 'url')?.input as HTMLInputElement) : undefined;
    const title = `${existing ? 'Edit' : 'Add'} ${blockWord(kind)}`;
    const form = h(
      'form',
      { class: 'block-form', 'aria-label': title },
      h('h3', {}, title),
      upload?.element,
      inputs.map((i) => i.element),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, existing ? 'Update block' : 'Insert block'), button('Cancel', close)),
    );
    const problem = h('div', { 'aria-live': 'assertive' });
    // Beside the buttons, where the eye is when the form is sent (the top may sit under the toolbar).
    form.insertBefore(problem, form.querySelector('.actions'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // The browser's `required` takes spaces for text; the block would be refused on saving.
      const blank = inputs.find(({ required, input }) => required && input.value.trim() === '');
      if (blank) {
        show(problem, notice('error', `${blank.label} needs some text, not only spaces.`));
        blank.input.focus();
        return;
      }
      const attrs: Record<string, unknown> = { ...existing };
      for (const { name, input } of inputs) attrs[name] = input.value.trim() === '' ? null : withoutUnsupportedCharacters(input.value.trim());
      if (upload) Object.assign(attrs, upload.sizes(String(attrs.url ?? ''), existing?.url));
      if (existing) editor.chain().focus().updateAttributes(kind, attrs).run();
      else if (editor.state.selection instanceof NodeSelection) {
        // A block is selected (the one just inserted, say): the new one goes after it, not over it.
        editor.chain().focus().insertContentAt(editor.state.selection.to, { type: kind, attrs }).run();
      } else editor.chain().focus().insertContent({ type: kind, attrs }).run();
      close();
      onChange();
    });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    show(blockForm, form);
    inputs[0].input.focus();
  }

  /**
   * The upload control of the image form: the chosen file goes to drafting (`POST /v1/images`
   * through the desk), and the answer fills in the URL and, kept aside, the size and the
   * WebP renditions the public page's srcset is made of. A URL typed over it drops them.
   */
  function imageUpload(urlInput: HTMLInputElement): { element: HTMLElement; sizes(url: string, previousUrl: unknown): Record<string, unknown> } {
    let uploaded: Awaited<ReturnType<typeof uploadImage>>['block'] | undefined;
    const status = h('div', { class: 'upload-status', 'aria-live': 'polite' });
    const file = h('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif' });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      if (chosen.size > MESSAGE_LIMITS.imageUploadBytes) {
        const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });
        show(status, notice('error', `${chosen.name} is ${megabytes(chosen.size)} MB; a picture may be at most ${megabytes(MESSAGE_LIMITS.imageUploadBytes)} MB. Export it smaller (a lower quality or fewer pixels) and upload it again.`));
        file.value = '';
        return;
      }
      show(status, notice('info', `Uploading ${chosen.name}…`));
      uploadImage(chosen).then(
        ({ block }) => {
          uploaded = block;
          urlInput.value = block.url;
          show(status, notice('success', `Uploaded: ${block.width ?? '?'} × ${block.height ?? '?'} pixels, ${block.renditions?.length ?? 0} sizes for screens.`));
        },
        (error: unknown) => show(status, notice('error', `The picture was not uploaded: ${describeError(error)}`)),
      );
    });
    return {
      element: h('div', { class: 'image-upload' }, field('Upload a picture', file, 'JPEG, PNG, WebP or AVIF, at most 15 MB'), status),
      sizes: (url, previousUrl) => {
        if (uploaded && uploaded.url === url) return { width: uploaded.width ?? null, height: uploaded.height ?? null, renditions: uploaded.renditions ?? null };
        // Another picture by its address: the old one's sizes no longer describe it.
        return url === previousUrl ? {} : { width: null, height: null, renditions: null };
      },
    };
  }

  function openLinkForm(): void {
    const current = editor.getAttributes('link').href as string | undefined;
    const input = h('input', { type: 'url', name: 'href', value: current ?? '', placeholder: 'https://' });
    const close = (): void => {
      show(linkForm);
      editor.commands.focus();
    };
    const form = h(
      'form',
      { class: 'link-form', 'aria-label': 'Link' },
      field('Link address', input, 'Leave empty to remove the link'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply link'), button('Cancel', close)),
    );
    const problem = h('div', { 'aria-live': 'assertive' });
    // Beside the buttons, where the eye is when the form is sent (the top may sit under the toolbar).
    form.insertBefore(problem, form.querySelector('.actions'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const href = input.value.trim();
      // The editor links to web addresses only (its Link extension refuses other schemes and
      // would do nothing without a word): javascript:, mailto: and the like are said here.
      if (href !== '' && !/^https?:\/\/[^\s/]/i.test(href)) {
        show(problem, notice('error', 'A link must be a web address starting with https:// (or http://).'));
        input.focus();
        return;
      }
      // Nothing selected and no link under the cursor: the address itself goes in as the link's
      // words, as word processors do, rather than the form closing with nothing linked.
      if (href !== '' && editor.state.selection.empty && !editor.isActive('link')) {
        editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
        close();
        return;
      }
      const chain = editor.chain().focus().extendMarkRange('link');
      (href === '' ? chain.unsetLink() : chain.setLink({ href })).run();
      close();
    });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    show(linkForm, form);
    input.focus();
  }

  const element = h('div', { class: 'story-editor' }, h('span', { class: 'field-label', id: 'story-body-label' }, 'Body'), toolbar, linkForm, blockForm, surface);
  refreshToolbar();

  return {
    element,
    body: () => docToBlocks(editor.getJSON() as DocNode),
    setBody: (body) => editor.commands.setContent(blocksToDoc(body), { emitUpdate: false }),
    setEditable: (editable) => {
      editor.setEditable(editable, false);
      refreshToolbar();
    },
    setDirection: (direction) => surface.setAttribute('dir', direction),
    destroy: () => editor.destroy(),
  };
}
