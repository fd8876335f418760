// Turns source images into their renditions with sharp, through a content-hashed cache: a file named
// by variantKey (sha256 of the bytes and the options) is encoded once and reused by every later build.
// As many images as the machine has cores (at most four) are processed at a time, each with one libvips
// thread and sharp's operation cache off: every core busy, memory bounded. Those two settings are
// process-wide in sharp; every caller of sharp in this process wants them, so they are set here.
import { access, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { dropEntry, readVerified, writeEntry } from './cache.ts';
import { ENCODERS, renditionsOf, VARIANTS, type ImageJob, type Rendition, type SourceImage, type VariantName } from './spec.ts';
import { BroadsheetError } from '../content/errors.ts';

export interface ProcessOptions {
  /** Where encoded files are kept between builds, e.g. .cache/images. */
  cacheDir: string;
  /** The folder the renditions are copied to, e.g. <staging>/img. */
  outputDir: string;
  /** Images processed at the same time; defaults to the number of cores, at most 4. */
  parallel?: number;
}

export interface ProcessReport {
  /** Distinct (image, variant) pairs. */
  jobs: number;
  /** Files encoded in this run: 0 when every image was already in the cache. */
  encoded: number;
  /** Files taken from the cache as they were. */
  reused: number;
  /** Cache entries that did not match their checksum (edited, damaged, or from an older cache) and were encoded again. */
  rebuilt: number;
  milliseconds: number;
}

/** A source image that sharp could not decode; keeps sharp's error as the cause. */
export class ImageProcessingError extends BroadsheetError {
  readonly file: string;

  constructor(file: string, options: { cause: unknown }) {
    super(`The image ${file} could not be processed. Export it again as JPEG, PNG or WebP and replace the file.`, options);
    this.name = 'ImageProcessingError';
    this.file = file;
  }
}

const COPY_BATCH = 32;

export async function processImages(jobs: readonly ImageJob[], options: ProcessOptions): Promise<ProcessReport> {
  const started = performance.now();
  sharp.concurrency(1);
  sharp.cache(false);
  await Promise.all([mkdir(options.cacheDir, { recursive: true }), mkdir(options.outputDir, { recursive: true })]);
  // Group by source so each image is decoded once for all its variants.
  const work = new Map<string, { image: SourceImage; variants: { variant: VariantName; missing: Rendition[] }[] }>();
  const all: Rendition[] = [];
  for (const job of jobs) all.push(...renditionsOf(job.image, job.variant));
  const names = [...new Set(all.map((rendition) => rendition.name))];
  // A cache entry counts only when its bytes match its checksum; anything else is encoded again.
  const valid = new Set<string>();
  let rebuilt = 0;
  for (let start = 0; start < names.length; start += COPY_BATCH) {
    await Promise.all(
      names.slice(start, start + COPY_BATCH).map(async (name) => {
        if (await readVerified(options.cacheDir, name)) valid.add(name);
        else if (await dropEntryIfPresent(options.cacheDir, name)) rebuilt += 1;
      }),
    );
  }
  for (const job of jobs) {
    const missing = renditionsOf(job.image, job.variant).filter((rendition) => !valid.has(rendition.name));
    if (missing.length === 0) continue;
    const entry = work.get(job.image.hash) ?? { image: job.image, variants: [] };
    entry.variants.push({ variant: job.variant, missing });
    work.set(job.image.hash, entry);
  }

  let encoded = 0;
  const queue = [...work.values()];
  const parallel = Math.max(1, options.parallel ?? Math.min(4, os.availableParallelism()));
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const done = await encodeImage(next.image, next.variants, options.cacheDir);
      encoded += done;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));

  for (let start = 0; start < names.length; start += COPY_BATCH) {
    await Promise.all(names.slice(start, start + COPY_BATCH).map((name) => publishFile(options.cacheDir, name, path.join(options.outputDir, name))));
  }
  return { jobs: jobs.length, encoded, reused: names.length - encoded, rebuilt, milliseconds: Math.round(performance.now() - started) };
}

/**
 * The output gets its own copy of the verified bytes (never a hard link into the cache), so editing a
 * cache file cannot change a published site. An entry that stops matching its checksum during the build
 * stops the build.
 */
async function publishFile(cacheDir: string, name: string, to: string): Promise<void> {
  const bytes = await readVerified(cacheDir, name);
  if (!bytes) throw new ImageCacheError(path.join(cacheDir, name));
  await writeFile(to, bytes);
}

async function dropEntryIfPresent(cacheDir: string, name: string): Promise<boolean> {
  const present = await access(path.join(cacheDir, name)).then(() => true, () => false);
  await dropEntry(cacheDir, name);
  return present;
}

/** A cache entry changed while the build was using it. */
export class ImageCacheError extends BroadsheetError {
  constructor(file: string) {
    super(`The cached image ${file} changed while the build was running, so it was not published. Run the build again; it re-encodes the entry.`);
    this.name = 'ImageCacheError';
  }
}

async function encodeImage(image: SourceImage, variants: { variant: VariantName; missing: Rendition[] }[], cacheDir: string): Promise<number> {
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    // rotate() with no angle applies the EXIF orientation; raw output carries no metadata at all.
    pixels = await sharp(image.file, { failOn: 'error' }).rotate().raw().toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw new ImageProcessingError(image.file, { cause });
  }
  const { width, height, channels } = pixels.info;
  let count = 0;
  for (const { variant, missing } of variants) {
    // Resize once per width, then encode every format from those pixels: three formats used to mean
    // three resizes of the full-size image, the larger part of the encoding time.
    const byWidth = new Map<number, Rendition[]>();
    for (const rendition of missing) byWidth.set(rendition.width, [...(byWidth.get(rendition.width) ?? []), rendition]);
    for (const renditions of byWidth.values()) {
      const first = renditions[0] as Rendition;
      const resized = await sharp(pixels.data, { raw: { width, height, channels } })
        .resize(first.width, first.height, { fit: VARIANTS[variant].aspect ? 'cover' : 'fill', position: 'attention' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
      for (const rendition of renditions) {
        const bytes = await encode(sharp(resized.data, { raw }), rendition.format).toBuffer();
        // Written beside with its checksum, then renamed in: a stopped build never leaves a half entry.
        await writeEntry(cacheDir, rendition.name, bytes);
        count += 1;
      }
    }
  }
  return count;
}

function encode(pipeline: Sharp, format: Rendition['format']): Sharp {
  switch (format) {
    case 'avif':
      return pipeline.avif(ENCODERS.avif);
    case 'webp':
      return pipeline.webp(ENCODERS.webp);
    case 'jpeg':
      return pipeline.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpeg);
  }
}
