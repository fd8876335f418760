// On-site search (docs/search.md, decision 18): the Portal's articles, cut into lookup terms by
// src/search/, written as posting lists sharded by term into /search-index/. The folder is cached under a
// digest of every article's searchable input and of the indexing code (.cache/search, or
// BROADSHEET_SEARCH_CACHE): a build whose articles did not change links it, and a build that only adds
// stories after the newest writes only what they touch.
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../portal/types.ts';
import { appendToSearchFolder, FILES_FOLDER, META_FILE, shardCount, writeSearchFolder, type IndexedArticle } from '../search/index-writer.ts';
import { plainText } from '../search/records.ts';
import type { StepContext } from './step-context.ts';

/** The folder of the index's content-addressed files, and its meta file (the one that changes name-stably). */
export const SEARCH_BUNDLE = FILES_FOLDER;
export const SEARCH_META = META_FILE;

export interface SearchIndexReport {
  articles: number;
  /** False when the index came from the cache. */
  indexed: boolean;
  /** From the cache, new stories added to the last index, or written whole. */
  mode: 'cache' | 'append' | 'full';
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

interface CachedDocs {
  shards: number;
  /** One digest per article, in id (time) order. */
  digests: string[];
}

const LATEST = 'latest.json';

/**
 * `articles` newest first, as in the Portal. The index of the same articles comes from the cache; when
 * the last index built is a prefix of this one (stories added at the end, nothing older changed), only
 * what the new stories touch is written again (appendToSearchFolder); otherwise the index is written
 * whole. Either way the folder is the same bytes a clean build writes.
 */
export async function buildSearchIndex(articles: readonly Article[], outputDir: string, cacheDir: string): Promise<SearchIndexReport> {
  const indexed = [...articles].reverse().map(toIndexed);
  const code = await indexingCodeDigest();
  const digests = indexed.map((article) => createHash('sha256').update(code).update(JSON.stringify(article)).digest('hex').slice(0, 20));
  const key = createHash('sha256').update(code).update(digests.join('')).digest('hex').slice(0, 32);
  const cached = path.join(cacheDir, key);
  const present = await readdir(cached).then(() => true, () => false);
  let mode: SearchIndexReport['mode'] = 'cache';
  if (!present) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    const previous = await previousIndex(cacheDir, digests);
    if (previous) {
      await linkTree(previous.folder, temporary);
      await appendToSearchFolder(indexed, temporary, previous.articles);
      mode = 'append';
    } else {
      await writeSearchFolder(indexed, temporary);
      mode = 'full';
    }
    const docs: CachedDocs = { shards: shardCount(indexed.length), digests };
    await writeFile(`${cached}.docs.json`, JSON.stringify(docs));
    await rename(temporary, cached).catch(async () => rm(temporary, { recursive: true, force: true }));
    await writeFile(path.join(cacheDir, LATEST), JSON.stringify({ key }));
  }
  await linkTree(cached, outputDir);
  return { articles: indexed.length, indexed: mode !== 'cache', mode };
}

/** The last index built, when its articles are the first articles of this one and the shard count holds. */
async function previousIndex(cacheDir: string, digests: readonly string[]): Promise<{ folder: string; articles: number } | undefined> {
  try {
    const { key } = JSON.parse(await readFile(path.join(cacheDir, LATEST), 'utf8')) as { key: string };
    const docs = JSON.parse(await readFile(path.join(cacheDir, `${key}.docs.json`), 'utf8')) as CachedDocs;
    const folder = path.join(cacheDir, key);
    if (docs.shards !== shardCount(digests.length) || docs.digests.length >= digests.length) return undefined;
    if (docs.digests.some((digest, id) => digest !== digests[id])) return undefined;
    await readFile(path.join(folder, META_FILE));
    return { folder, articles: docs.digests.length };
  } catch {
    return undefined;
  }
}

export function searchCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_SEARCH_CACHE ?? path.join(projectRoot, '.cache', 'search');
}

/** The build step. */
export async function writeSearchIndex({ portal, outputDir, projectRoot }: StepContext): Promise<void> {
  await buildSearchIndex(portal.articles, outputDir, searchCacheDir(projectRoot));
}
