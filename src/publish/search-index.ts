// On-site search (docs/search.md, decision 18): the Portal's articles, cut into lookup terms by
// src/search/, written as posting lists sharded by term into /search-index/. The folder is cached under a
// digest of every article's searchable input and of the indexing code (.cache/search, or
// BROADSHEET_SEARCH_CACHE), so a build whose articles did not change copies it instead of indexing.
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../portal/types.ts';
import { writeSearchFolder, type IndexedArticle } from '../search/index-writer.ts';
import { plainText } from '../search/records.ts';
import type { StepContext } from './step-context.ts';

export const SEARCH_BUNDLE = 'search-index';

export interface SearchIndexReport {
  articles: number;
  /** False when the index came from the cache. */
  indexed: boolean;
}

const CODE_FILES = ['text.ts', 't2s-table.ts', 'records.ts', 'index-terms.ts', 'postings.ts', 'index-writer.ts'];

async function indexingCodeDigest(): Promise<string> {
  const hash = createHash('sha256');
  const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'search');
  for (const file of CODE_FILES) hash.update(await readFile(path.join(folder, file)));
  return hash.digest('hex');
}

function toIndexed(article: Article): IndexedArticle {
  const body = plainText(article.html);
  const standfirst = article.standfirst ?? '';
  const tags = article.tags.map((tag) => tag.name);
  const authors = article.authors.map((author) => author.name);
  return {
    url: article.url,
    title: article.title,
    date: article.published.display.slice(0, 10),
    year: Number(article.published.display.slice(0, 4)),
    section: article.section.name,
    sectionUrl: article.section.url,
    tags,
    authors,
    source: article.source,
    labels: [article.section.name, ...tags, ...authors, article.source],
    body: standfirst ? `${standfirst}\n${body}` : body,
    text: standfirst ? `${standfirst}\n${body}` : body,
  };
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

/** `articles` newest first, as in the Portal. */
export async function buildSearchIndex(articles: readonly Article[], outputDir: string, cacheDir: string): Promise<SearchIndexReport> {
  const indexed = [...articles].reverse().map(toIndexed);
  const hash = createHash('sha256').update(await indexingCodeDigest());
  for (const article of indexed) hash.update('\0').update(JSON.stringify(article));
  const cached = path.join(cacheDir, hash.digest('hex').slice(0, 32));
  const present = await readdir(cached).then(() => true, () => false);
  if (!present) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    await writeSearchFolder(indexed, temporary);
    await rename(temporary, cached).catch(async () => rm(temporary, { recursive: true, force: true }));
  }
  await linkTree(cached, path.join(outputDir, SEARCH_BUNDLE));
  return { articles: indexed.length, indexed: !present };
}

export function searchCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_SEARCH_CACHE ?? path.join(projectRoot, '.cache', 'search');
}

/** The build step. */
export async function writeSearchIndex({ portal, outputDir, projectRoot }: StepContext): Promise<void> {
  await buildSearchIndex(portal.articles, outputDir, searchCacheDir(projectRoot));
}
