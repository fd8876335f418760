// The images build step: every image of the published articles, in every variant, into /img/ of the
// staging folder, through the cache in .cache/images (BROADSHEET_IMAGE_CACHE overrides the folder).
import path from 'node:path';
import { processImages, type ProcessReport } from '../images/process.ts';
import { IMAGE_FOLDER } from '../images/spec.ts';
import type { StepContext } from './step-context.ts';

export function imageCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_IMAGE_CACHE ?? path.join(projectRoot, '.cache', 'images');
}

/** Runs before rendering (pages must know the sizes); its report is part of the build's report. */
export async function publishImages(context: Pick<StepContext, 'portal' | 'projectRoot' | 'outputDir'>): Promise<ProcessReport> {
  return processImages(context.portal.images, {
    cacheDir: imageCacheDir(context.projectRoot),
    outputDir: path.join(context.outputDir, IMAGE_FOLDER),
  });
}
