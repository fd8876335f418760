// Share card names: the site's share image and the cover crops are named from their inputs alone, so
// pages print their addresses before the publishing step (src/publish/share-image.ts) draws them.
import { createHash } from 'node:crypto';
import type { Site } from '../content/site.ts';
import type { Cover } from '../portal/types.ts';

export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
/** Bump when the drawing changes, so cached images are made again. */
const DESIGN_VERSION = 1;
export const FONT_STACK = `'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif`;

export const CROPS = [
  { name: '16x9', width: 16, height: 9 },
  { name: '4x3', width: 4, height: 3 },
  { name: '1x1', width: 1, height: 1 },
] as const;

export interface ShareImageSettings {
  /** The site name drawn large. */
  name: string;
  tagline: string;
  /** The address drawn small at the bottom (the host of baseUrl). */
  host: string;
}

export function shareSettings(site: Pick<Site, 'name' | 'tagline' | 'baseUrl'>): ShareImageSettings {
  return { name: site.name, tagline: site.tagline, host: new URL(site.baseUrl).host };
}

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);

/** The card as SVG: the accent band, the name sized to fit, the tagline and the address. */
export function shareImageSvg({ name, tagline, host }: ShareImageSettings): string {
  const { width, height } = SHARE_IMAGE;
  // CJK glyphs are about one em wide: fit the name in 1000 px, between 72 and 140 px.
  const nameSize = Math.max(72, Math.min(140, Math.floor(1000 / Math.max(1, [...name].length))));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<rect width="${width}" height="24" fill="#b3131b"/>`,
    `<rect y="${height - 96}" width="${width}" height="96" fill="#8c0f15"/>`,
    `<g font-family="${FONT_STACK}" text-anchor="middle">`,
    `<text x="600" y="${tagline ? 300 : 340}" font-size="${nameSize}" font-weight="700" fill="#b3131b">${escapeXml(name)}</text>`,
    tagline ? `<text x="600" y="400" font-size="44" fill="#333">${escapeXml(tagline)}</text>` : '',
    `<text x="600" y="${height - 34}" font-size="36" fill="#fff">${escapeXml(host)}</text>`,
    '</g></svg>',
  ].join('');
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The site path of the share image, named by what it is drawn from. */
export function shareImagePath(site: Pick<Site, 'name' | 'tagline' | 'baseUrl'>): string {
  return `/img/share-${digest(`${DESIGN_VERSION}\n${shareImageSvg(shareSettings(site))}`)}.png`;
}

/** Site paths of a cover's crops, named after the cover's own content-hashed file: /img/<hash>-1200-16x9.jpg. */
export function coverCropPaths(cover: Pick<Cover, 'src'>): string[] {
  const base = cover.src.replace(/\.[a-z0-9]+$/i, '');
  return CROPS.map((crop) => `${base}-${crop.name}.jpg`);
}

