// Writes the search index (decision 18): articles get ids in time order (oldest 0), every lookup term of
// every article (index-terms.ts) goes into the posting list of its term, and the lists are spread over
// shards by the term's hash. A query fetches the meta file, the map pages and shards of its terms, the
// long lists it needs and the stored articles it shows: its cost follows its terms, not the archive.
//   search-index.json       the meta: counts, the years (first id of each), the sections, and the names
//                           of the map pages and vocabulary files; the only file that changes name-stably
//   search-index/<name>.*   every other file, named by its content's SHA-256 (immutable): shards, long
//                           lists, map pages (shard → file, chunk → file), stored articles (DOC_CHUNK per
//                           file), the vocabulary for 您是不是要找 (by the hash of a word's first and of its
//                           last character). A new story makes new files and one changed meta file, so a
//                           CDN has only the meta file to forget.
// Memory is bounded: each article is cut into terms once and its lines spilled into buckets of shards,
// about PASS_ARTICLES' worth each; a bucket is read back alone.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILTER_PREFIX, LONGEST_RUN, lookupTermsOf, weightedTerms, type SearchableArticle } from './index-terms.ts';
import { decodeShard, encodeInterleaved, encodeShard, hashTerm, INLINE_LIMIT, interleavedOf, NAME_BYTES, type ShardEntry } from './postings.ts';

export const DOC_CHUNK = 8;
export const VOCAB_SHARDS = 64;
/** Names per map page. */
export const MAP_PAGE = 256;
export const INDEX_VERSION = 3;
export const FILES_FOLDER = 'search-index';
export const META_FILE = 'search-index.json';
const PASS_ARTICLES = 2500;

export interface IndexedArticle extends SearchableArticle {
  url: string;
  date: string;
  year: number;
  sectionUrl: string;
  /** What the result shows and what a query is checked against: standfirst and body as plain text. */
  text: string;
}

export interface IndexMeta {
  version: number;
  articles: number;
  shards: number;
  docChunk: number;
  mapPage: number;
  longestRun: number;
  filterPrefix: typeof FILTER_PREFIX;
  years: [number, number][];
  sections: string[];
  /** Map pages: shard number → shard file, chunk number → stored-articles file. */
  shardPages: string[];
  chunkPages: string[];
  vocabulary: string[];
}

/** Shards: a power of two, about one per four articles, so a shard stays small at any size. */
export function shardCount(articles: number): number {
  let shards = 1;
  while (shards * 4 < articles && shards < 65536) shards *= 2;
  return shards;
}

/**
 * Content-addressed files of one index being written into `folder`. A name covers the file's role (which
 * shard, which term's list, which chunk…) as well as its bytes, so no two places share a file and a file
 * that is replaced can be removed without asking who else uses it.
 */
class Files {
  readonly names = new Set<string>();
  constructor(private readonly folder: string) {}

  async put(data: Buffer | string, extension: 'bin' | 'json', role: string): Promise<string> {
    const name = createHash('sha256').update(role).update('\0').update(data).digest('hex').slice(0, NAME_BYTES * 2);
    if (!this.names.has(name)) {
      this.names.add(name);
      const file = path.join(this.folder, FILES_FOLDER, `${name}.${extension}`);
      // Never write through a hard link into the cache: a file of this name has these bytes already.
      await writeFile(file, data, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
    return name;
  }

  /** Removes the files of the index this one was made from that it no longer names. */
  async prune(obsolete: Iterable<[string, string]>): Promise<void> {
    for (const [name, extension] of obsolete) if (!this.names.has(name)) await rm(path.join(this.folder, FILES_FOLDER, `${name}.${extension}`), { force: true });
  }
}

async function putShard(files: Files, shard: number, entries: ShardEntry[]): Promise<string> {
  const names = new Map<Buffer, string>();
  await Promise.all(entries.filter((entry) => entry.postings.length > INLINE_LIMIT).map(async (entry) => names.set(entry.postings, await files.put(entry.postings, 'bin', `list ${entry.term}`))));
  return files.put(encodeShard(entries, (list) => names.get(list) as string), 'bin', `shard ${shard}`);
}

/** `articles` oldest first. */
export async function writeSearchFolder(articles: readonly IndexedArticle[], folder: string): Promise<IndexMeta> {
  const shards = shardCount(articles.length);
  const passes = Math.max(1, Math.ceil(articles.length / PASS_ARTICLES));
  await mkdir(path.join(folder, FILES_FOLDER), { recursive: true });
  const files = new Files(folder);
  const shardNames = new Array<string>(shards);
  const scratch = path.join(folder, '.buckets');
  await mkdir(scratch, { recursive: true });
  const bucketFiles = Array.from({ length: passes }, (_, pass) => path.join(scratch, `${pass}.tsv`));
  const handles = bucketFiles.map((file) => openSync(file, 'w'));
  const pending: string[][] = bucketFiles.map(() => []);
  const pendingSize = new Array<number>(passes).fill(0);
  const flush = (pass: number): void => {
    writeSync(handles[pass] as number, (pending[pass] as string[]).join(''));
    pending[pass] = [];
    pendingSize[pass] = 0;
  };
  articles.forEach((article, id) => {
    for (const [term, weight] of weightedTerms(article)) {
      const pass = (hashTerm(term) % shards) % passes;
      const line = `${term}\t${id}\t${weight}\n`;
      (pending[pass] as string[]).push(line);
      pendingSize[pass] = (pendingSize[pass] as number) + line.length;
      if ((pendingSize[pass] as number) > 1 << 20) flush(pass);
    }
  });
  for (let pass = 0; pass < passes; pass += 1) {
    flush(pass);
    closeSync(handles[pass] as number);
  }
  for (let pass = 0; pass < passes; pass += 1) {
    // Per term, ids and weights interleaved in one array: millions of terms, most in one article only.
    const lists = new Map<string, number[]>();
    const text = readFileSync(bucketFiles[pass] as string, 'utf8');
    for (let at = 0; at < text.length; ) {
      const tab = text.indexOf('\t', at);
      const tab2 = text.indexOf('\t', tab + 1);
      const end = text.indexOf('\n', tab2 + 1);
      const term = text.slice(at, tab);
      const list = lists.get(term);
      const id = Number(text.slice(tab + 1, tab2));
      const weight = Number(text.slice(tab2 + 1, end));
      if (list) list.push(id, weight);
      else lists.set(term, [id, weight]);
      at = end + 1;
    }
    const byShard = new Map<number, ShardEntry[]>();
    for (const [term, list] of lists) {
      const shard = hashTerm(term) % shards;
      let entries = byShard.get(shard);
      if (!entries) byShard.set(shard, (entries = []));
      entries.push({ term, count: list.length / 2, postings: encodeInterleaved(list) });
    }
    lists.clear();
    const writes: Promise<void>[] = [];
    for (let shard = pass; shard < shards; shard += passes) {
      writes.push(putShard(files, shard, byShard.get(shard) ?? []).then((name) => void (shardNames[shard] = name)));
      if (writes.length >= 64) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
  await rm(scratch, { recursive: true, force: true });
  return writeRest(articles, folder, files, shardNames, [], []);
}

/** The stored articles (chunks from `chunkNames.length` on; earlier ones kept), the vocabulary, the map pages and the meta file. */
async function writeRest(articles: readonly IndexedArticle[], folder: string, files: Files, shardNames: string[], chunkNames: string[], obsolete: [string, string][]): Promise<IndexMeta> {
  for (let start = chunkNames.length * DOC_CHUNK; start < articles.length; start += DOC_CHUNK) {
    const chunk = articles.slice(start, start + DOC_CHUNK).map((a) => ({ url: a.url, title: a.title, date: a.date, section: a.section, sectionUrl: a.sectionUrl, tags: a.tags, authors: a.authors, source: a.source, text: a.text }));
    chunkNames.push(await files.put(JSON.stringify(chunk), 'json', `chunk ${start / DOC_CHUNK}`));
  }
  const vocabulary = await writeVocabulary(articles, files);
  const pages = async (names: readonly string[], kind: string): Promise<string[]> => {
    const out: string[] = [];
    for (let start = 0; start < names.length; start += MAP_PAGE) out.push(await files.put(Buffer.from(names.slice(start, start + MAP_PAGE).join(''), 'hex'), 'bin', `${kind} page ${start / MAP_PAGE}`));
    return out;
  };
  const years: [number, number][] = [];
  articles.forEach((article, id) => {
    if (years.at(-1)?.[0] !== article.year) years.push([article.year, id]);
  });
  const sections = [...new Set(articles.map((article) => article.section))].sort();
  const meta: IndexMeta = {
    version: INDEX_VERSION,
    articles: articles.length,
    shards: shardNames.length,
    docChunk: DOC_CHUNK,
    mapPage: MAP_PAGE,
    longestRun: LONGEST_RUN,
    filterPrefix: FILTER_PREFIX,
    years,
    sections,
    shardPages: await pages(shardNames, 'shards'),
    chunkPages: await pages(chunkNames, 'chunks'),
    vocabulary,
  };
  await files.prune(obsolete);
  await rm(path.join(folder, META_FILE), { force: true });
  await writeFile(path.join(folder, META_FILE), `${JSON.stringify(meta)}\n`);
  return meta;
}

/** The names a map page lists, in order. */
async function readPages(folder: string, pages: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for (const page of pages) {
    const bytes = await readFile(path.join(folder, FILES_FOLDER, `${page}.bin`));
    for (let at = 0; at < bytes.length; at += NAME_BYTES) names.push(bytes.toString('hex', at, at + NAME_BYTES));
  }
  return names;
}

/**
 * The same index as writeSearchFolder(articles) for a folder that already holds the index of the first
 * `from` of them (news arrives at the end: the old ids stand): only the shards that hold a term of a new
 * article are read and written again, with the last chunk of stored articles, the vocabulary, the map
 * pages and the meta file; files no longer named are removed.
 */
export async function appendToSearchFolder(articles: readonly IndexedArticle[], folder: string, from: number): Promise<IndexMeta> {
  const previous = JSON.parse(await readFile(path.join(folder, META_FILE), 'utf8')) as IndexMeta;
  const shards = shardCount(articles.length);
  if (previous.shards !== shards || previous.articles !== from) throw new Error(`The search index in ${folder} is not the index of the first ${from} articles.`);
  const files = new Files(folder);
  const shardNames = await readPages(folder, previous.shardPages);
  const allChunks = await readPages(folder, previous.chunkPages);
  const keptChunks = Math.floor(from / DOC_CHUNK);
  const obsolete: [string, string][] = [
    ...previous.shardPages.map((name): [string, string] => [name, 'bin']),
    ...previous.chunkPages.map((name): [string, string] => [name, 'bin']),
    ...previous.vocabulary.map((name): [string, string] => [name, 'json']),
    ...allChunks.slice(keptChunks).map((name): [string, string] => [name, 'json']),
  ];
  const added = new Map<number, Map<string, number[]>>();
  for (let id = from; id < articles.length; id += 1) {
    for (const [term, weight] of weightedTerms(articles[id] as IndexedArticle)) {
      const shard = hashTerm(term) % shards;
      let terms = added.get(shard);
      if (!terms) added.set(shard, (terms = new Map()));
      const list = terms.get(term);
      if (list) list.push(id, weight);
      else terms.set(term, [id, weight]);
    }
  }
  for (const [shard, terms] of [...added].sort((a, b) => a[0] - b[0])) {
    const oldName = shardNames[shard] as string;
    obsolete.push([oldName, 'bin']);
    const entries: ShardEntry[] = [];
    for (const entry of decodeShard(await readFile(path.join(folder, FILES_FOLDER, `${oldName}.bin`)))) {
      if (entry.external) obsolete.push([entry.external, 'bin']);
      const bytes = entry.postings ?? (await readFile(path.join(folder, FILES_FOLDER, `${entry.external}.bin`)));
      const more = terms.get(entry.term);
      terms.delete(entry.term);
      entries.push(more ? { term: entry.term, count: entry.count + more.length / 2, postings: encodeInterleaved([...interleavedOf(bytes), ...more]) } : { term: entry.term, count: entry.count, postings: Buffer.from(bytes) });
    }
    for (const [term, list] of terms) entries.push({ term, count: list.length / 2, postings: encodeInterleaved(list) });
    shardNames[shard] = await putShard(files, shard, entries);
  }
  return writeRest(articles, folder, files, shardNames, allChunks.slice(0, keptChunks), obsolete);
}

/**
 * The words a misspelt query is compared with: tags, authors, sources and sections, and the runs of two
 * to four characters that headlines share (in at least two articles), each with how many articles use it.
 */
async function writeVocabulary(articles: readonly IndexedArticle[], files: Files): Promise<string[]> {
  const counts = new Map<string, number>();
  const labels = new Set<string>();
  for (const article of articles) {
    const seen = new Set<string>();
    for (const term of lookupTermsOf(article.title)) if (/^[\u3400-\u9fff]{2,}$/.test(term)) seen.add(term);
    for (const label of [...article.tags, ...article.authors, article.source, article.section]) {
      seen.add(label);
      labels.add(label);
    }
    for (const word of seen) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const buckets: [string, number][][] = Array.from({ length: VOCAB_SHARDS }, () => []);
  for (const [word, count] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (count < 2 && !labels.has(word)) continue;
    const chars = Array.from(word);
    const first = hashTerm(chars[0] as string) % VOCAB_SHARDS;
    const last = hashTerm(chars.at(-1) as string) % VOCAB_SHARDS;
    buckets[first]?.push([word, count]);
    if (last !== first) buckets[last]?.push([word, count]);
  }
  const names: string[] = [];
  for (const [n, words] of buckets.entries()) names.push(await files.put(JSON.stringify(words), 'json', `vocabulary ${n}`));
  return names;
}
