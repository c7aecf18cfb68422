import { isHttpUrl, type ImageBlock } from '@newsroom/contracts';
import { html, type SafeHtml } from '@newsroom/html';

/** One size of a picture whose width is known. */
export interface ImageSource {
  url: string;
  /** Pixels. */
  width: number;
  height?: number;
}

/**
 * How wide an article image is drawn, for `sizes`: the text column (`--measure`, 42rem = 672 px
 * at the default font size) on wide screens, the full viewport on phones.
 */
export const ARTICLE_IMAGE_SIZES = '(min-width: 712px) 672px, 100vw';

/** Every size of an image block's picture with a known width, narrowest first, one per width. */
export function imageSources(image: ImageBlock): ImageSource[] {
  const candidates: ImageSource[] = [
    ...(image.width ? [{ url: image.url, width: image.width, ...(image.height ? { height: image.height } : {}) }] : []),
    ...(image.renditions ?? []),
    // A comma would split a `srcset` candidate in two; such a URL is used only as `src`.
  ].filter((source) => isHttpUrl(source.url) && !source.url.includes(','));
  const byWidth = new Map<number, ImageSource>();
  for (const source of candidates) if (!byWidth.has(source.width)) byWidth.set(source.width, source);
  return [...byWidth.values()].sort((a, b) => a.width - b.width);
}

/** The widest known size of the picture (feeds, link previews, ninjs), else the block's own URL. */
export function largestImage(image: ImageBlock): ImageSource | { url: string; width?: undefined; height?: undefined } {
  const sources = imageSources(image);
  return sources.length > 0 ? sources[sources.length - 1] : { url: image.url };
}

/**
 * The picture's proportions as `width`/`height` attributes, so the browser reserves its space
 * before it loads (no layout shift): the block's own sizes, else a rendition that has both.
 */
export function intrinsicSize(image: ImageBlock): { width: number; height: number } | null {
  if (image.width && image.height) return { width: image.width, height: image.height };
  const sized = (image.renditions ?? []).find((rendition) => rendition.height);
  return sized?.height ? { width: sized.width, height: sized.height } : null;
}

export interface ImgOptions {
  alt: string;
  /** The `sizes` attribute: how wide the image is drawn. */
  sizes: string;
  /** Above the fold: fetched at once and first; everything else waits until it is scrolled near. */
  eager?: boolean;
}

/** An `<img>` with its intrinsic size, `srcset`/`sizes` from the known widths, and lazy loading. */
export function responsiveImg(image: ImageBlock, options: ImgOptions): SafeHtml {
  const size = intrinsicSize(image);
  const sources = imageSources(image);
  const srcset = sources.length > 1 || (sources.length === 1 && sources[0].url !== image.url) ? sources.map((source) => `${source.url} ${source.width}w`).join(', ') : null;
  return html`<img src="${image.url}"${srcset && html` srcset="${srcset}" sizes="${options.sizes}"`}${size && html` width="${size.width}" height="${size.height}"`} alt="${options.alt}"${
    options.eager ? html` fetchpriority="high"` : html` loading="lazy"`
  } decoding="async">`;
}
