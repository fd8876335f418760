// One build: claim and lock the output folder, validate all content, render into a staging folder,
// run the publishing steps, then swap the staging folder in. The build context (Portal, asset names,
// folders) is created here and passed down explicitly (ARCHITECTURE decisions 8-10).
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessReport } from '../images/process.ts';
import { hashPublicAssets } from '../publish/assets.ts';
import { publishImages } from '../publish/images.ts';
import { createManifest, manifestPathFor } from '../publish/manifest.ts';
import type { StepContext } from '../publish/step-context.ts';
import { afterRender } from '../publish/steps.ts';
import { writeSearchIndex } from '../publish/search-index.ts';
import { BuildError } from './errors.ts';
import { loadPortal } from './load.ts';
import { lockOutput } from './lock.ts';
import { claimOutputFolder } from './output-guard.ts';
import { renderPages } from './render.ts';
import { discardStaging, markAsOutput, prepareStaging, swapIn } from './staging.ts';

export { BuildError } from './errors.ts';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** The folder holding .eleventy.ts, src/pages, layouts/ and public/. */
  projectRoot: string;
  /** Paths in messages are shown relative to this folder. */
  displayRoot?: string;
  /** Keep drafts, scheduled and expired articles, marked (the preview). */
  includeDrafts?: boolean;
  /** Build the search index (default true); `--no-search` turns it off for quick builds. */
  search?: boolean;
  /** Give the hashed names to css/ and js/ files (default true; the preview keeps plain names). */
  hashAssets?: boolean;
}

export interface Timing {
  step: string;
  milliseconds: number;
}

export interface BuildReport {
  articles: number;
  pages: number;
  files: number;
  milliseconds: number;
  /** How long each phase took, in order. */
  timings: Timing[];
  /** What the images step encoded and reused. */
  images: ProcessReport;
  /** The real output folder (a symlinked output resolved to its target). */
  outputDir: string;
}

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const timings: Timing[] = [];
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    const result = await run();
    timings.push({ step, milliseconds: Math.round(performance.now() - from) });
    return result;
  };
  const displayRoot = options.displayRoot ?? process.cwd();
  const display = (file: string): string => path.relative(displayRoot, file).split(path.sep).join('/');
  const output = await claimOutputFolder({ output: options.outputDir, contentDir: options.contentDir, projectRoot: options.projectRoot, display });
  const lock = await lockOutput(output);
  try {
    const portal = await timed('load and validate content', () =>
      loadPortal(options.contentDir, { includeDrafts: options.includeDrafts ?? false, displayRoot }),
    );
    const staging = await prepareStaging(output);
    let images: ProcessReport;
    let manifestFile: string;
    let files: number;
    let pages: number;
    try {
      const assets = options.hashAssets === false ? new Map<string, string>() : await timed('name assets', () => hashPublicAssets(path.join(options.projectRoot, 'public')));
      const context: StepContext = { portal, contentDir: options.contentDir, outputDir: staging, projectRoot: options.projectRoot, assets };
      images = await timed('images', () => publishImages(context));
      await timed('render pages (Eleventy)', () => renderPages(context));
      for (const step of afterRender) {
        if (step === writeSearchIndex && options.search === false) continue;
        await timed(step.name, () => step(context));
      }
      const manifest = await timed('createManifest', () => createManifest(staging));
      files = manifest.files.length;
      pages = manifest.files.filter((file) => file.path.endsWith('.html')).length;
      // Written before the swap, moved into place right after it: a manifest never describes a site
      // that is not live.
      manifestFile = `${manifestPathFor(output)}.next`;
      await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      await markAsOutput(staging);
    } catch (cause) {
      await discardStaging(output);
      throw new BuildError(`The site could not be built; the previous output in ${display(output) || '.'} is unchanged.`, { cause });
    }
    await timed('swapIn', () => swapIn(output)).catch(async (cause: unknown) => {
      await discardStaging(output);
      throw new BuildError(`The new site could not be moved into ${display(output) || '.'}; the previous output is unchanged.`, { cause });
    });
    await rename(manifestFile, manifestPathFor(output)).catch((cause: unknown) => {
      throw new BuildError(`The new site is live in ${display(output) || '.'}, but its deploy manifest could not be written to ${display(manifestPathFor(output))}. Build again before publishing.`, { cause });
    });
    return { articles: portal.articles.length, pages, files, milliseconds: Math.round(performance.now() - started), timings, images, outputDir: output };
  } finally {
    await lock.release();
  }
}
