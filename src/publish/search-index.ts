// On-site search (docs/search.md): the articles of the Portal, cut into terms by src/search/text.ts,
// indexed by Pagefind one period at a time into /pagefind/<period>/, and listed newest first in
// /pagefind/partitions.json for the search page, which merges them at query time. A partition whose
// articles and indexing code are unchanged is copied from the cache (.cache/search, or
// BROADSHEET_SEARCH_CACHE) instead of being indexed again, so a new story re-indexes one period.
// BROADSHEET_SEARCH_CAP overrides the articles per partition (for measuring what merging costs).
import { createHash } from 'node:crypto';
import { link, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../portal/types.ts';
import { writePartitionIndex } from '../search/index-writer.ts';
import { partition, type Partition } from '../search/partitions.ts';
import { toRecord } from '../search/records.ts';
import type { StepContext } from './step-context.ts';

export { SearchIndexError } from '../search/index-writer.ts';
export const SEARCH_BUNDLE = 'pagefind';
export const PARTITIONS_FILE = 'partitions.json';

export interface SearchIndexReport {
  pages: number;
  partitions: number;
  /** Partitions indexed by Pagefind in this build (the others came from the cache). */
  indexed: string[];
}

export interface SearchIndexOptions {
  cacheDir: string;
  cap?: number;
}

const CODE_FILES = ['text.ts', 't2s-table.ts', 'records.ts', 'partitions.ts', 'index-writer.ts'];
let codeDigest: string | undefined;

/** A digest of the indexing code and Pagefind's version: a change re-indexes everything. */
async function indexingCodeDigest(): Promise<string> {
  if (codeDigest) return codeDigest;
  const hash = createHash('sha256');
  const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'search');
  for (const file of CODE_FILES) hash.update(await readFile(path.join(folder, file)));
  const pagefindPackage = path.resolve(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..', 'package.json');
  hash.update(JSON.parse(await readFile(pagefindPackage, 'utf8')).version);
  codeDigest = hash.digest('hex');
  return codeDigest;
}

function articleInput(article: Article): string {
  return JSON.stringify([article.url, article.title, article.standfirst ?? '', article.html, article.source, article.section.name,
    article.section.url, article.tags.map((t) => t.name), article.authors.map((a) => a.name), article.published.display]);
}

function partitionDigest(code: string, part: Partition): string {
  const hash = createHash('sha256').update(code).update(part.key);
  for (const article of part.articles) hash.update('\0').update(articleInput(article));
  return hash.digest('hex').slice(0, 24);
}

async function linkTree(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    await mkdir(path.dirname(target), { recursive: true });
    await link(source, target).catch(() => copyFile(source, target));
  }
}

export async function buildSearchIndex(articles: Article[], outputDir: string, options: SearchIndexOptions): Promise<SearchIndexReport> {
  const parts = partition(articles, options.cap);
  const code = await indexingCodeDigest();
  const bundle = path.join(outputDir, SEARCH_BUNDLE);
  await mkdir(options.cacheDir, { recursive: true });
  const indexed: string[] = [];
  for (const part of parts) {
    const cached = path.join(options.cacheDir, partitionDigest(code, part));
    const present = await readdir(cached).then(() => true, () => false);
    if (!present) {
      const temporary = `${cached}.${process.pid}.tmp`;
      await rm(temporary, { recursive: true, force: true });
      await writePartitionIndex((function* () { for (const a of part.articles) yield toRecord(a, part.key); })(), temporary);
      await rename(temporary, cached).catch(async () => rm(temporary, { recursive: true, force: true }));
      indexed.push(part.key);
    }
    await linkTree(cached, path.join(bundle, part.key));
  }
  const manifest = { version: 1, partitions: parts.map((p) => ({ key: p.key, path: `/${SEARCH_BUNDLE}/${p.key}/`, count: p.articles.length })) };
  await mkdir(bundle, { recursive: true });
  await writeFile(path.join(bundle, PARTITIONS_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { pages: articles.length, partitions: parts.length, indexed };
}

export function searchCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_SEARCH_CACHE ?? path.join(projectRoot, '.cache', 'search');
}

/** The build step. */
export async function writeSearchIndex({ portal, outputDir, projectRoot }: StepContext): Promise<void> {
  const cap = Number(process.env.BROADSHEET_SEARCH_CAP);
  await buildSearchIndex(portal.articles, outputDir, { cacheDir: searchCacheDir(projectRoot), ...(cap > 0 ? { cap } : {}) });
}
