// On-site search: Pagefind indexes the rendered pages in the staging folder and writes its bundle
// (index, WebAssembly, and the default UI's pagefind-ui.js/.css) to /pagefind/. Only what is inside
// data-pagefind-body (an article's headline and body) is indexed, so lists, rails and footers are not.
// Pagefind segments Chinese because the pages say lang="zh-CN".
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { StepContext } from './step-context.ts';

export const SEARCH_BUNDLE = 'pagefind';

/** Raised when Pagefind reports problems; the messages are Pagefind's own. */
export class SearchIndexError extends Error {
  constructor(stage: string, errors: string[]) {
    super(`The search index could not be built (${stage}): ${errors.join('; ')}`);
    this.name = 'SearchIndexError';
  }
}

export interface SearchIndexReport {
  pages: number;
}

export async function buildSearchIndex(siteDir: string): Promise<SearchIndexReport> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new SearchIndexError('starting Pagefind', errors);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new SearchIndexError('reading the pages', added.errors);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_BUNDLE) });
    if (written.errors.length > 0) throw new SearchIndexError('writing the index', written.errors);
    return { pages: added.page_count };
  } finally {
    await index.deleteIndex();
  }
}

/** The build step. */
export async function writeSearchIndex({ outputDir }: StepContext): Promise<void> {
  await buildSearchIndex(outputDir);
}
