import { describeError, service } from './api';
import { button, h, notice, show } from './dom';
import { refusedInWords } from './refusals';
import type { Article } from './views';

/**
 * Shows `article` in `region` as its public page would look, rendered by publishing (POST
 * /v1/preview, the renderer of the live pages) in a sandboxed frame: no scripts run in it, and a
 * <base> of the public site's address (read from the page's canonical link) lets its stylesheet
 * and pictures load. The reporter previews their text, the editor the revision under review.
 * A refusal (an article publishing would not take) is said in the region instead, its fields
 * named as the reporter knows them, as a refused save is.
 */
export async function showPagePreview(region: HTMLElement, article: Article): Promise<void> {
  try {
    const { body } = await service<string>('publishing', 'POST', '/v1/preview', { body: article });
    const page = new DOMParser().parseFromString(String(body), 'text/html');
    const canonical = page.querySelector('link[rel="canonical"]')?.getAttribute('href');
    if (canonical && /^https?:/i.test(canonical)) page.head.prepend(Object.assign(page.createElement('base'), { href: new URL('/', canonical).toString() }));
    const frame = h('iframe', { class: 'preview-frame', title: 'Preview of the public page', sandbox: '' });
    frame.srcdoc = `<!doctype html>${page.documentElement.outerHTML}`;
    show(
      region,
      h('section', { class: 'preview', 'aria-labelledby': 'preview-title' }, h('div', { class: 'title-row' }, h('h2', { id: 'preview-title', tabindex: '-1' }, 'Preview'), button('Close preview', () => show(region))), frame),
    );
    (region.querySelector('h2') as HTMLElement).focus();
  } catch (error) {
    const refused = refusedInWords(error, article);
    show(region, notice('error', `No preview: ${refused.length > 0 ? refused.join('; ') : describeError(error)}`));
  }
}
