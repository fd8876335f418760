// Share images: the site's own card image (1200×630, the site name in large Chinese type) for every page
// without a cover, and the 16:9, 4:3 and 1:1 crops of each cover that Google asks NewsArticle images
// to come in. Paths are decided from the inputs alone (the render layer prints them before this step
// runs); the files are made with sharp, cached in .cache/share/ and copied into the output's /img/.
// The text is drawn by librsvg through fontconfig with a CJK font stack: on Debian, fonts-noto-cjk.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Site } from '../content/site.ts';
import type { Cover, Portal } from '../portal/types.ts';
import type { StepContext } from './step-context.ts';

export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
/** Bump when the drawing changes, so cached images are made again. */
const DESIGN_VERSION = 1;
const FONT_STACK = `'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif`;

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

/** The largest box of the crop's proportions inside width × height (no upscaling). */
export function cropBox(width: number, height: number, crop: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(width / crop.width, height / crop.height);
  return { width: Math.floor(crop.width * scale), height: Math.floor(crop.height * scale) };
}

export async function renderShareImage(settings: ShareImageSettings): Promise<Buffer> {
  return sharp(Buffer.from(shareImageSvg(settings))).png({ compressionLevel: 9 }).toBuffer();
}

/** Whether Chinese text renders as glyphs: two different characters must not draw the same pixels (as missing-glyph boxes do). */
export async function canDrawChinese(): Promise<boolean> {
  const draw = (character: string): Promise<Buffer> =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><text x="0" y="52" font-size="56" font-family="${FONT_STACK}">${character}</text></svg>`))
      .raw()
      .toBuffer();
  const [one, two] = await Promise.all([draw('洪'), draw('州')]);
  return !one.equals(two);
}

async function cached(cacheDir: string, name: string, make: () => Promise<Buffer>): Promise<string> {
  const file = path.join(cacheDir, name);
  if (!(await stat(file).catch(() => undefined))) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, await make());
    await rename(temporary, file);
  }
  return file;
}

/** The build step: the share image and every cover's crops into the output's /img/. */
export async function writeShareImages({ portal, outputDir, projectRoot }: Pick<StepContext, 'portal' | 'outputDir' | 'projectRoot'>): Promise<void> {
  const cacheDir = path.join(projectRoot, '.cache', 'share');
  await mkdir(path.join(outputDir, 'img'), { recursive: true });
  const target = shareImagePath(portal.site);
  if (!(await stat(path.join(cacheDir, path.basename(target))).catch(() => undefined)) && !(await canDrawChinese())) {
    console.warn(`The share image ${target} is drawn without a Chinese font, so the site name shows as boxes. Install one (Debian: apt-get install fonts-noto-cjk) and build again.`);
  }
  await copyFile(await cached(cacheDir, path.basename(target), () => renderShareImage(shareSettings(portal.site))), path.join(outputDir, target));
  for (const cover of coversOf(portal)) await writeCrops(cover, outputDir, cacheDir);
}

function coversOf(portal: Pick<Portal, 'articles'>): Cover[] {
  const seen = new Map<string, Cover>();
  for (const article of portal.articles) if (article.cover && !seen.has(article.cover.src)) seen.set(article.cover.src, article.cover);
  return [...seen.values()];
}

async function writeCrops(cover: Cover, outputDir: string, cacheDir: string): Promise<void> {
  const source = path.join(outputDir, cover.src);
  const paths = coverCropPaths(cover);
  for (const [index, crop] of CROPS.entries()) {
    const target = paths[index] as string;
    const file = await cached(cacheDir, path.basename(target), async () => {
      const { width = cover.width, height = cover.height } = await sharp(source).metadata();
      const box = cropBox(width, height, crop);
      // The attention strategy keeps the busiest part of the picture (faces, text) in the crop.
      return sharp(source).resize(box.width, box.height, { fit: 'cover', position: sharp.strategy.attention }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
    });
    await copyFile(file, path.join(outputDir, target));
  }
}
