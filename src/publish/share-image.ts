// Share images: the site's own card image (1200×630, the site name in large Chinese type) for every page
// without a cover, and the 16:9, 4:3 and 1:1 crops of each cover that Google asks NewsArticle images
// to come in. Paths are decided from the inputs alone (the render layer prints them before this step
// runs); the files are made with sharp, cached in .cache/share/ and copied into the output's /img/.
// The text is drawn by librsvg through fontconfig with a CJK font stack: on Debian, fonts-noto-cjk.
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Cover, Portal } from '../portal/types.ts';
import { CROPS, coverCropPaths, FONT_STACK, SHARE_IMAGE, shareImagePath, shareImageSvg, shareSettings, type ShareImageSettings } from '../render/share-card.ts';
import type { StepContext } from './step-context.ts';

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
