// One build: validate all content, render into a staging folder, then swap it in.
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { prepareStaging, swapIn, discardStaging } from './swap.ts';
import { loadPortal, usePortal } from './session.ts';
import { writeSearchIndex } from './search-index.ts';
import { afterRender, beforeRender, type BuildStep } from './steps.ts';
import { createManifest, manifestPathFor, writeManifest } from './manifest.ts';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** The folder holding .eleventy.ts, src/pages and layouts/. */
  projectRoot: string;
  /** Paths in messages are shown relative to this folder. */
  displayRoot?: string;
  includeDrafts?: boolean;
  /** Build the Pagefind search index (default true); `--no-search` turns it off for quick builds. */
  search?: boolean;
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
}

/** Wraps a failure in a later build step, keeping its cause. */
export class BuildError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'BuildError';
  }
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
  const portal = await timed('load and validate content', () =>
    loadPortal(options.contentDir, {
      includeDrafts: options.includeDrafts ?? false,
      ...(options.displayRoot ? { displayRoot: options.displayRoot } : {}),
    }),
  );
  const staging = await prepareStaging(options.outputDir);
  try {
    const context = { portal, contentDir: options.contentDir, outputDir: staging, projectRoot: options.projectRoot };
    const run = async (steps: readonly BuildStep[]): Promise<void> => {
      for (const step of steps) {
        if (step === writeSearchIndex && options.search === false) continue;
        await timed(step.name, () => step(context));
      }
    };
    await run(beforeRender);
    usePortal(async () => portal);
    const eleventy = new Eleventy(path.join(options.projectRoot, 'src/pages'), staging, {
      configPath: path.join(options.projectRoot, '.eleventy.ts'),
      quietMode: true,
    });
    await timed('render pages (Eleventy)', () => eleventy.write());
    await run(afterRender);
    const manifest = await timed('createManifest', () => createManifest(staging));
    await timed('swapIn', () => swapIn(options.outputDir));
    await writeManifest(manifestPathFor(options.outputDir), manifest);
    return {
      articles: portal.articles.length,
      pages: manifest.files.filter((file) => file.path.endsWith('.html')).length,
      files: manifest.files.length,
      milliseconds: Math.round(performance.now() - started),
      timings,
    };
  } catch (cause) {
    await discardStaging(options.outputDir);
    throw new BuildError(`The site could not be rendered; the previous output in ${options.outputDir} is unchanged.`, { cause });
  }
}
