// The images build step: every image of the published articles, in every variant, into /img/ of the
// staging folder, through the cache in .cache/images (BROADSHEET_IMAGE_CACHE overrides the folder).
import path from 'node:path';
import { processImages, type ProcessReport } from '../images/process.ts';
import { IMAGE_FOLDER } from '../images/spec.ts';
import type { BuildStep } from './steps.ts';

let lastReport: ProcessReport | undefined;

export function imageCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_IMAGE_CACHE ?? path.join(projectRoot, '.cache', 'images');
}

export const publishImages: BuildStep = async (context) => {
  lastReport = await processImages(context.portal.images, {
    cacheDir: imageCacheDir(context.projectRoot),
    outputDir: path.join(context.outputDir, IMAGE_FOLDER),
  });
};

/** What the images step did in the last build of this process (for the benchmark and tests). */
export function lastImageReport(): ProcessReport | undefined {
  return lastReport;
}
