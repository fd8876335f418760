// The <picture> markup for one processed image. The article body (markdown figure plugin) uses this;
// layouts/partials/picture.njk writes the same markup for lead images and card thumbnails.
import type { Picture } from './spec.ts';

export interface PictureAttributes {
  alt: string;
  /** The lead image loads at once with high priority; every other image waits until it is near. */
  eager?: boolean;
}

export function pictureHtml(picture: Picture, { alt, eager = false }: PictureAttributes): string {
  const sources = picture.sources.map((source) => `<source type="${source.type}" srcset="${source.srcset}" sizes="${picture.sizes}">`);
  const loading = eager ? 'loading="eager" fetchpriority="high"' : 'loading="lazy" decoding="async"';
  const img = `<img src="${picture.src}" srcset="${picture.srcset}" sizes="${picture.sizes}" width="${picture.width}" height="${picture.height}" alt="${escapeAttribute(alt)}" ${loading}>`;
  return `<picture>${sources.join('')}${img}</picture>`;
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
