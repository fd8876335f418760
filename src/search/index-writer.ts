// Writes the search index (decision 18) into a folder: articles get ids in time order (oldest 0), every
// lookup term of every article (index-terms.ts) goes into the posting list of its term, and the lists are
// spread over shard files by the term's hash. A query fetches `meta.json`, one shard per term, the large
// lists it needs and the stored articles it shows: its cost follows its terms, not the archive.
//   meta.json          counts, the shard count, the years (first id of each), the sections
//   s/<n>.bin          shards (postings.ts)
//   l/<n>-<k>.bin      posting lists too large to sit inline in shard n
//   d/<n>.json         the stored articles (url, headline, date, section, labels, text), DOC_CHUNK per file
//   v/<n>.json         the vocabulary for 您是不是要找, by the hash of a word's first and of its last character
// Memory is bounded: the terms are gathered in buckets of shards, about PASS_ARTICLES' worth at a time.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILTER_PREFIX, LONGEST_RUN, lookupTermsOf, weightedTerms, type SearchableArticle } from './index-terms.ts';
import { decodeShard, encodeInterleaved, encodeShard, hashTerm, interleavedOf, type ShardEntry } from './postings.ts';

export const DOC_CHUNK = 8;
export const VOCAB_SHARDS = 64;
export const INDEX_VERSION = 2;
/** Roughly how many articles' terms one pass holds in memory. */
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
  vocabShards: number;
  longestRun: number;
  filterPrefix: typeof FILTER_PREFIX;
  years: [number, number][];
  sections: string[];
}

/** Shards: a power of two, about one per four articles, so a shard stays small at any size. */
export function shardCount(articles: number): number {
  let shards = 1;
  while (shards * 4 < articles && shards < 65536) shards *= 2;
  return shards;
}

/** `articles` oldest first. */
export async function writeSearchFolder(articles: readonly IndexedArticle[], folder: string): Promise<IndexMeta> {
  const shards = shardCount(articles.length);
  const passes = Math.max(1, Math.ceil(articles.length / PASS_ARTICLES));
  for (const sub of ['s', 'l', 'd', 'v']) await mkdir(path.join(folder, sub), { recursive: true });
  // Each article is cut into terms once; its (term, id, weight) lines go to the bucket of the term's
  // shard, in a scratch folder; each bucket is then read back alone, so memory holds one bucket's lists.
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
      const id = Number(text.slice(tab + 1, tab2));
      const weight = Number(text.slice(tab2 + 1, end));
      const list = lists.get(term);
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
      const { shard: bytes, external } = encodeShard(byShard.get(shard) ?? []);
      writes.push(writeFile(path.join(folder, 's', `${shard}.bin`), bytes));
      for (const [k, list] of external.entries()) writes.push(writeFile(path.join(folder, 'l', `${shard}-${k}.bin`), list));
      if (writes.length >= 64) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
  await rm(scratch, { recursive: true, force: true });
  return writeRest(articles, folder, shards, 0);
}

/** The stored articles from chunk `fromChunk` on, the vocabulary and meta.json. */
async function writeRest(articles: readonly IndexedArticle[], folder: string, shards: number, fromChunk: number): Promise<IndexMeta> {
  for (let start = fromChunk * DOC_CHUNK; start < articles.length; start += DOC_CHUNK) {
    const chunk = articles.slice(start, start + DOC_CHUNK).map((a) => ({ url: a.url, title: a.title, date: a.date, section: a.section, sectionUrl: a.sectionUrl, tags: a.tags, authors: a.authors, source: a.source, text: a.text }));
    await replaceFile(path.join(folder, 'd', `${start / DOC_CHUNK}.json`), JSON.stringify(chunk));
  }
  await writeVocabulary(articles, folder);
  const years: [number, number][] = [];
  articles.forEach((article, id) => {
    if (years.at(-1)?.[0] !== article.year) years.push([article.year, id]);
  });
  const sections = [...new Set(articles.map((article) => article.section))].sort();
  const meta: IndexMeta = { version: INDEX_VERSION, articles: articles.length, shards, docChunk: DOC_CHUNK, vocabShards: VOCAB_SHARDS, longestRun: LONGEST_RUN, filterPrefix: FILTER_PREFIX, years, sections };
  await replaceFile(path.join(folder, 'meta.json'), `${JSON.stringify(meta)}\n`);
  return meta;
}

/** Writes a new file in place of one that may be a hard link into the cache (never writes through it). */
async function replaceFile(file: string, data: string | Buffer): Promise<void> {
  await rm(file, { force: true });
  await writeFile(file, data);
}

/**
 * The same index as writeSearchFolder(articles) for a folder that already holds the index of the first
 * `from` of them (news arrives at the end: the old ids stand): only the shards that hold a term of a new
 * article are read and written again, with the last chunk of stored articles, the vocabulary and meta.
 */
export async function appendToSearchFolder(articles: readonly IndexedArticle[], folder: string, from: number): Promise<IndexMeta> {
  const shards = shardCount(articles.length);
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
    const file = path.join(folder, 's', `${shard}.bin`);
    const entries: ShardEntry[] = [];
    for (const stored of decodeShard(await readFile(file))) {
      const externalFile = path.join(folder, 'l', `${shard}-${stored.external}.bin`);
      const bytes = stored.postings ?? (await readFile(externalFile));
      if (stored.postings === undefined) await rm(externalFile);
      const more = terms.get(stored.term);
      terms.delete(stored.term);
      entries.push(more ? { term: stored.term, count: stored.count + more.length / 2, postings: encodeInterleaved([...interleavedOf(bytes), ...more]) } : { term: stored.term, count: stored.count, postings: Buffer.from(bytes) });
    }
    for (const [term, list] of terms) entries.push({ term, count: list.length / 2, postings: encodeInterleaved(list) });
    const { shard: bytes, external } = encodeShard(entries);
    await replaceFile(file, bytes);
    for (const [k, list] of external.entries()) await replaceFile(path.join(folder, 'l', `${shard}-${k}.bin`), list);
  }
  return writeRest(articles, folder, shards, Math.floor(from / DOC_CHUNK));
}

/**
 * The words a misspelt query is compared with: tags, authors, sources and sections, and the runs of two
 * to four characters that headlines share (in at least two articles), each with how many articles use it.
 */
async function writeVocabulary(articles: readonly IndexedArticle[], folder: string): Promise<void> {
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
  for (const [n, words] of buckets.entries()) await replaceFile(path.join(folder, 'v', `${n}.json`), JSON.stringify(words));
}
