import { isHttpUrl, parseInline, type InlineNode } from '@newsroom/contracts';
import { html, type SafeHtml } from '@newsroom/html';

/**
 * Paragraph and quote text with its inline markup as HTML. Text is escaped; only absolute
 * http(s) targets become links, anything else (`javascript:`, `data:`, relative paths) is
 * shown as its label alone, so a bad target can never reach an `href`.
 */
export function renderInline(text: string): SafeHtml {
  return renderNodes(parseInline(text));
}

function renderNodes(nodes: readonly InlineNode[]): SafeHtml {
  return html`${nodes.map(renderNode)}`;
}

function renderNode(node: InlineNode): SafeHtml {
  switch (node.type) {
    case 'text':
      return html`${node.text}`;
    case 'bold':
      return html`<strong>${renderNodes(node.children)}</strong>`;
    case 'italic':
      return html`<em>${renderNodes(node.children)}</em>`;
    case 'link':
      return isHttpUrl(node.href) ? html`<a href="${node.href}" rel="noopener">${renderNodes(node.children)}</a>` : renderNodes(node.children);
  }
}
