// The steps around rendering, in order. Each concern (images, feeds, sitemaps, search, headers)
// registers one function here; build.ts runs them and nothing is swapped in unless all succeed.
import type { Portal } from '../portal/types.ts';
import { publishImages } from './images.ts';
import { writeFeeds } from './feeds.ts';
import { writeSearchIndex } from './search-index.ts';
import { writeSitemaps } from './sitemaps.ts';
import { writeRedirects } from './redirects.ts';
import { hashAssets, nameAssets } from './assets.ts';
import { writeHeaders } from './headers.ts';

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
export const beforeRender: BuildStep[] = [publishImages, nameAssets];

/**
 * Run after pages are written into the staging folder (feeds, sitemaps, search index, headers).
 * Redirect pages, hashed asset names and `_headers` come last: they describe the finished output.
 */
export const afterRender: BuildStep[] = [writeFeeds, writeSitemaps, writeSearchIndex, writeRedirects, hashAssets, writeHeaders];
