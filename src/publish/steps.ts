// The steps around rendering, in order. Each concern (images, feeds, sitemaps, search, headers)
// registers one function here; build.ts runs them and nothing is swapped in unless all succeed.
import type { Portal } from '../portal/types.ts';

export interface StepContext {
  portal: Portal;
  /** The content folder being built. */
  contentDir: string;
  /** The staging folder that becomes the output; write here only. */
  outputDir: string;
  projectRoot: string;
}

export type BuildStep = (context: StepContext) => Promise<void>;

/** Run after content is validated and before pages render (e.g. images, which pages must know the sizes of). */
export const beforeRender: BuildStep[] = [];

/** Run after pages are written into the staging folder (feeds, sitemaps, search index, headers). */
export const afterRender: BuildStep[] = [];

export async function runSteps(steps: readonly BuildStep[], context: StepContext): Promise<void> {
  for (const step of steps) await step(context);
}
