// Checks every image the articles refer to (body images and covers) and reports problems in the same
// report as everything else: remote addresses, paths leading out of the content folder, missing,
// non-regular, oversized or damaged files (each decoded as the build will), missing alt text.
import path from 'node:path';
import { probeImage, type Probe, type ProbeFailure } from '../images/probe.ts';
import type { SourceImage } from '../images/spec.ts';
import type { ContentProblem } from './errors.ts';
import { imageMessages } from './messages.ts';
import { resolveInside, staysInside } from './paths.ts';

/** One place an article uses an image. */
export interface ImageUse {
  /** The article as shown in messages, and its absolute path (relative images resolve from it). */
  file: string;
  articlePath: string;
  line: number;
  field: string;
  /** The address as written (normalized by markdown-it for body images). */
  src: string;
  /** Body images only: a cover's alt text is checked by the schema. */
  alt?: string;
}

/** Images read at a time: decoding is the costly part and each decode holds a picture's bytes. */
const BATCH = 4;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Where an image reference points: relative to the article's folder, or to the content folder when it
 * starts with "/". Remote and data: addresses are refused (decision in docs: save the image beside the
 * article, so its size is known and it is served from our own CDN).
 */
export function resolveImagePath(src: string, articleFile: string, contentRoot: string): { ok: true; file: string } | { ok: false; message: string } {
  if (REMOTE.test(src.trim())) return { ok: false, message: imageMessages.remote(src) };
  const resolved = resolveInside(contentRoot, path.dirname(articleFile), src.trim());
  if (resolved.ok) return resolved;
  return { ok: false, message: resolved.reason === 'outside' ? imageMessages.outside(src) : imageMessages.badPath(src) };
}

/** Resolves and probes every use; returns the images by absolute path and the problems, in one pass. */
export async function checkImages(
  uses: readonly ImageUse[],
  contentRoot: string,
  display: (file: string) => string,
): Promise<{ images: Map<string, SourceImage>; problems: ContentProblem[]; fileOf: (use: ImageUse) => string | undefined }> {
  const problems: ContentProblem[] = [];
  const paths = new Map<ImageUse, string>();
  for (const use of uses) {
    const where = { file: use.file, line: use.line, field: use.field };
    if (use.alt !== undefined && !use.alt.trim()) problems.push({ ...where, message: imageMessages.noAlt(use.src) });
    const resolved = resolveImagePath(use.src, use.articlePath, contentRoot);
    if (resolved.ok) paths.set(use, resolved.file);
    else problems.push({ ...where, message: resolved.message });
  }
  const probes = new Map<string, Probe | { ok: false; message: string }>();
  const unique = [...new Set(paths.values())];
  for (let start = 0; start < unique.length; start += BATCH) {
    const batch = unique.slice(start, start + BATCH);
    const results = await Promise.all(
      batch.map(async (file) => ((await staysInside(contentRoot, file)) ? probeImage(file) : { ok: false as const, message: imageMessages.outside(display(file)) })),
    );
    batch.forEach((file, index) => probes.set(file, results[index] as Probe));
  }
  const images = new Map<string, SourceImage>();
  for (const [use, file] of paths) {
    const probe = probes.get(file);
    if (probe?.ok) images.set(file, probe.image);
    else if (probe) problems.push({ file: use.file, line: use.line, field: use.field, message: 'message' in probe ? probe.message : explain(probe, display(file)) });
  }
  return { images, problems, fileOf: (use) => paths.get(use) };
}

function explain(failure: ProbeFailure, shown: string): string {
  switch (failure.reason) {
    case 'missing':
      return imageMessages.missing(shown);
    case 'unreadable':
      return imageMessages.unreadable(shown, failure.code);
    case 'not-a-file':
      return imageMessages.notAFile(shown, failure.kind);
    case 'file-too-big':
      return imageMessages.fileTooBig(shown, failure.limit / 1024 / 1024);
    case 'too-many-pixels':
      return imageMessages.tooManyPixels(shown, failure.width, failure.height, failure.limit);
    case 'not-an-image':
      return imageMessages.notAnImage(shown);
    case 'damaged':
      return imageMessages.damaged(shown, failure.detail);
  }
}
