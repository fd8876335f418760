// Finds and reads an image an article refers to: resolves the path, hashes the bytes and reads the
// header with sharp (no decoding). Problems come back as sentences for the content report.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { SourceImage } from './spec.ts';

export type Probe = { ok: true; image: SourceImage } | { ok: false; message: string };

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
/** EXIF orientations 5–8 turn the picture a quarter: width and height swap. */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);

/**
 * Where an image reference points: relative to the article's folder, or to the content folder when it
 * starts with "/". Remote and data: addresses are refused (decision in docs: save the image beside the
 * article, so its size is known and it is served from our own CDN).
 */
export function resolveImagePath(src: string, articleFile: string, contentRoot: string): { ok: true; file: string } | { ok: false; message: string } {
  if (REMOTE.test(src)) {
    return {
      ok: false,
      message: `the image "${shorten(src)}" is on another server, so its size cannot be known and readers would load it from there. Save the image beside the article and refer to it by file name, e.g. ./photo.jpg.`,
    };
  }
  let decoded = src;
  try {
    decoded = decodeURIComponent(src.split(/[?#]/)[0] ?? src);
  } catch {
    // keep the text as written
  }
  const file = decoded.startsWith('/') ? path.join(contentRoot, decoded) : path.resolve(path.dirname(articleFile), decoded);
  const inside = path.relative(contentRoot, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    return { ok: false, message: `the image "${src}" is outside the content folder. Move it beside the article or into content/images/ and refer to it from there.` };
  }
  return { ok: true, file };
}

/** Reads one image file; memoize per path with a Map when several articles share an image. */
export async function probeImage(file: string, shown: string): Promise<Probe> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { ok: false, message: `the image file ${shown} does not exist. Save the image there, or correct the file name.` }
      : { ok: false, message: `the image file ${shown} cannot be opened (${code ?? 'unknown error'}). Check that it is a readable file.` };
  }
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new Error('no size in the file');
    const turned = QUARTER_TURNS.has(meta.orientation ?? 1);
    return {
      ok: true,
      image: {
        file,
        hash: createHash('sha256').update(bytes).digest('hex'),
        width: turned ? meta.height : meta.width,
        height: turned ? meta.width : meta.height,
      },
    };
  } catch {
    return { ok: false, message: `the image file ${shown} is damaged or not an image. Export it again as JPEG, PNG or WebP and replace the file.` };
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
