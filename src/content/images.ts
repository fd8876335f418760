// Checks every image the articles refer to (body images and covers) and reports problems in the same
// report as everything else: missing files, damaged files, remote addresses, missing alt text.
import { probeImage, resolveImagePath, type Probe } from '../images/probe.ts';
import type { SourceImage } from '../images/spec.ts';
import type { ContentProblem } from './errors.ts';

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

const BATCH = 16;

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
    if (use.alt !== undefined && !use.alt.trim()) {
      problems.push({ ...where, message: `the image "${use.src}" has no alt text. Describe what it shows for readers who cannot see it, e.g. ![市民在站台候车](${use.src})` });
    }
    const resolved = resolveImagePath(use.src, use.articlePath, contentRoot);
    if (resolved.ok) paths.set(use, resolved.file);
    else problems.push({ ...where, message: resolved.message });
  }
  const probes = new Map<string, Probe>();
  const unique = [...new Set(paths.values())];
  for (let start = 0; start < unique.length; start += BATCH) {
    const batch = unique.slice(start, start + BATCH);
    const results = await Promise.all(batch.map((file) => probeImage(file, display(file))));
    batch.forEach((file, index) => probes.set(file, results[index] as Probe));
  }
  const images = new Map<string, SourceImage>();
  for (const [use, file] of paths) {
    const probe = probes.get(file);
    if (probe?.ok) images.set(file, probe.image);
    else if (probe) problems.push({ file: use.file, line: use.line, field: use.field, message: probe.message });
  }
  return { images, problems, fileOf: (use) => paths.get(use) };
}
