// What an image becomes: the variants (widths, crop), the formats and the encoder settings. Pure: given
// a probed source image, it says every file to write and the <picture> data that points at them.
import { createHash } from 'node:crypto';

/** A source image as the loader found it (dimensions after EXIF orientation). */
export interface SourceImage {
  /** Absolute path of the original file. */
  file: string;
  /** sha256 of the file's bytes, hex. */
  hash: string;
  width: number;
  height: number;
}

/** body: in-article figures and the lead image; thumb: card thumbnails cropped to 3:2. */
export type VariantName = 'body' | 'thumb';

interface VariantSpec {
  widths: readonly number[];
  /** Crop to this width:height with sharp's fit "cover", position "attention". */
  aspect?: readonly [number, number];
  /** The `sizes` attribute: how wide the image shows in the layout. */
  sizes: string;
}

export const VARIANTS: Record<VariantName, VariantSpec> = {
  // The article column is at most 42em (672px); phones show it edge to edge less 2rem of padding.
  body: { widths: [480, 800, 1200], sizes: '(min-width: 44em) 42em, calc(100vw - 2rem)' },
  // Card thumbnails are 7.5rem wide on phones and 10rem from 40rem up (see .card__thumb in site.css).
  thumb: { widths: [240, 480], aspect: [3, 2], sizes: '(min-width: 40rem) 10rem, 7.5rem' },
};

export type ImageFormat = 'avif' | 'webp' | 'jpeg';

/**
 * AVIF stops at 800 px: encoding it is 3–4× slower than WebP and JPEG together, and the 1200 px AVIF
 * alone cost more than all other files of an image (docs/images.md). Screens that
 * want more pick the 800 px AVIF; browsers without AVIF get WebP/JPEG up to 1200 px.
 */
export const FORMATS: readonly { format: ImageFormat; ext: string; type: string; maxWidth?: number }[] = [
  { format: 'avif', ext: 'avif', type: 'image/avif', maxWidth: 800 },
  { format: 'webp', ext: 'webp', type: 'image/webp' },
  { format: 'jpeg', ext: 'jpg', type: 'image/jpeg' },
];

/** Encoder settings; part of every cache key, so changing one re-encodes exactly what it affects. */
export const ENCODERS = {
  avif: { quality: 50, effort: 1 },
  webp: { quality: 75, effort: 1 },
  jpeg: { quality: 80, progressive: true },
} as const;

/** Bump when the pipeline changes in a way the settings above do not show. */
const PIPELINE_VERSION = 2;

/** The public folder images are written to. */
export const IMAGE_FOLDER = 'img';

export interface Rendition {
  width: number;
  height: number;
  format: ImageFormat;
  /** File name in the cache and in /img/, e.g. 3f2a…-800.avif */
  name: string;
  url: string;
}

export interface Picture {
  /** AVIF then WebP <source> elements. */
  sources: { type: string; srcset: string }[];
  /** The JPEG fallback: a middle width, with the full JPEG srcset. */
  src: string;
  srcset: string;
  sizes: string;
  /** The largest rendition's size: the aspect ratio the browser reserves. */
  width: number;
  height: number;
  /** The largest JPEG, e.g. for og:image. */
  largest: string;
}

/** The key shared by all files of one source in one variant: sha256 of the bytes' hash and the options. */
export function variantKey(image: SourceImage, variant: VariantName): string {
  const options = JSON.stringify({ v: PIPELINE_VERSION, variant: VARIANTS[variant], encoders: ENCODERS });
  return createHash('sha256').update(image.hash).update(options).digest('hex').slice(0, 16);
}

/** The widths and heights of a variant, never wider than the source (or its crop) allows. */
export function sizesFor(image: SourceImage, variant: VariantName): { width: number; height: number }[] {
  const spec = VARIANTS[variant];
  const [across, down] = spec.aspect ?? [image.width, image.height];
  const widest = spec.aspect ? Math.min(image.width, Math.floor((image.height * across) / down)) : image.width;
  // Every listed width the source can fill, plus the source's own width when a larger one was dropped.
  const fitting = spec.widths.filter((width) => width <= widest);
  const widths = fitting.length < spec.widths.length ? [...fitting, widest] : fitting;
  return widths.map((width) => ({ width, height: Math.max(1, Math.round((width * down) / across)) }));
}

export function renditionsOf(image: SourceImage, variant: VariantName): Rendition[] {
  const key = variantKey(image, variant);
  const sizes = sizesFor(image, variant);
  return sizes.flatMap(({ width, height }, index) =>
    // A capped format keeps the smallest width even when it is above the cap, so it always has one.
    FORMATS.filter(({ maxWidth }) => maxWidth === undefined || width <= maxWidth || index === 0).map(({ format, ext }) => {
      const name = `${key}-${width}.${ext}`;
      return { width, height, format, name, url: `/${IMAGE_FOLDER}/${name}` };
    }),
  );
}

export function pictureOf(image: SourceImage, variant: VariantName): Picture {
  const renditions = renditionsOf(image, variant);
  const srcsetOf = (format: ImageFormat): string =>
    renditions.filter((rendition) => rendition.format === format).map((rendition) => `${rendition.url} ${rendition.width}w`).join(', ');
  const jpegs = renditions.filter((rendition) => rendition.format === 'jpeg');
  const largest = jpegs[jpegs.length - 1] as Rendition;
  const fallback = jpegs[Math.floor((jpegs.length - 1) / 2)] as Rendition;
  return {
    sources: FORMATS.filter(({ format }) => format !== 'jpeg').map(({ format, type }) => ({ type, srcset: srcsetOf(format) })),
    src: fallback.url,
    srcset: srcsetOf('jpeg'),
    sizes: VARIANTS[variant].sizes,
    width: largest.width,
    height: largest.height,
    largest: largest.url,
  };
}

/** One source image in one variant: the unit of work for processing. */
export interface ImageJob {
  image: SourceImage;
  variant: VariantName;
}

/** Every distinct (image, variant), in first-seen order. */
export function distinctJobs(jobs: Iterable<ImageJob>): ImageJob[] {
  const seen = new Map<string, ImageJob>();
  for (const job of jobs) {
    const key = `${job.image.hash}:${job.variant}`;
    if (!seen.has(key)) seen.set(key, job);
  }
  return [...seen.values()];
}
