// Reads one image file: refuses what is not a regular file (a FIFO would hang a read), hashes the
// bytes, reads the header and decodes the pixels the way the build will, so `check` refuses every image
// the build would fail on. Failures come back as data; src/content/images.ts words them for editors.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { SourceImage } from './spec.ts';

export type ProbeFailure =
  | { reason: 'missing' }
  | { reason: 'unreadable'; code: string }
  | { reason: 'not-a-file'; kind: string }
  | { reason: 'file-too-big'; limit: number }
  | { reason: 'too-many-pixels'; width: number; height: number; limit: number }
  | { reason: 'not-an-image' }
  | { reason: 'damaged'; detail: string };

export type Probe = { ok: true; image: SourceImage } | ({ ok: false } & ProbeFailure);

/** EXIF orientations 5–8 turn the picture a quarter: width and height swap. */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);
/** Larger files are refused before they are read. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
/** sharp's own default limit: larger images cannot be processed by the build. */
export const MAX_IMAGE_PIXELS = 0x3fff * 0x3fff;

/** Reads, measures and decodes one image file; memoize per path when several articles share an image. */
export async function probeImage(file: string, _shown?: string): Promise<Probe> {
  let bytes: Buffer;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, reason: 'not-a-file', kind: kindOf(info) };
      if (info.size > MAX_IMAGE_BYTES) return { ok: false, reason: 'file-too-big', limit: MAX_IMAGE_BYTES };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'unreadable', code: code ?? 'unknown error' };
  }
  let width: number;
  let height: number;
  let orientation: number;
  try {
    // The header only, with no pixel limit, so a huge image is called too large rather than damaged.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new Error('no size in the file');
    ({ width, height } = meta);
    orientation = meta.orientation ?? 1;
  } catch {
    return { ok: false, reason: 'not-an-image' };
  }
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too-many-pixels', width, height, limit: MAX_IMAGE_PIXELS };
  try {
    // Decode every pixel as the build does (failOn "error"), into a tiny result: a truncated or corrupt
    // file fails here, in check, instead of half-way through a build.
    await sharp(bytes, { failOn: 'error', sequentialRead: true }).resize(16, 16, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: detail(error) };
  }
  const turned = QUARTER_TURNS.has(orientation);
  return {
    ok: true,
    image: { file, hash: createHash('sha256').update(bytes).digest('hex'), width: turned ? height : width, height: turned ? width : height },
  };
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function detail(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).replace(/^Vips\w*:\s*/, '').replace(/\s+$/, '').slice(0, 80) || 'unreadable';
}
