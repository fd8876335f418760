// Runs Pagefind over one partition's records and writes its bundle into a folder. Pagefind holds a
// partition in memory until it writes; its service process is closed afterwards so the next partition
// starts from nothing (memory stays bounded by the largest partition, not the archive).
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './records.ts';
import { BroadsheetError } from '../content/errors.ts';

/** Raised when Pagefind reports problems; the messages are Pagefind's own. */
export class SearchIndexError extends BroadsheetError {
  constructor(stage: string, errors: string[]) {
    super(`The search index could not be built (${stage}): ${errors.join('; ')}`);
    this.name = 'SearchIndexError';
  }
}

const UI_FILE = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

export async function writePartitionIndex(records: Iterable<SearchRecord>, outputPath: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new SearchIndexError('starting Pagefind', errors);
  let pages = 0;
  try {
    for (const record of records) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length > 0) throw new SearchIndexError(`adding ${record.url}`, added.errors);
      pages += 1;
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new SearchIndexError('writing the index', written.errors);
    // The search page has its own UI (public/js/search.js): Pagefind's UI bundles are not needed.
    for (const file of await readdir(outputPath)) if (UI_FILE.test(file)) await rm(path.join(outputPath, file));
    return pages;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
