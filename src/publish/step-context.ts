// What every publishing step is handed: the validated Portal and the folders of this one build.
// The build (src/build/) creates it; steps never keep state of their own between builds.
import type { Portal } from '../portal/types.ts';

export interface StepContext {
  portal: Portal;
  /** The content folder being built. */
  contentDir: string;
  /** The staging folder that becomes the output; write here only. */
  outputDir: string;
  /** The folder holding .eleventy.ts, src/pages, layouts/ and public/. */
  projectRoot: string;
  /** Plain site path → content-hashed site path of every file under public/css and public/js. */
  assets: ReadonlyMap<string, string>;
}

export type BuildStep = (context: StepContext) => Promise<void>;
