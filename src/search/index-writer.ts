// Writes the search index (decision 18) into a folder: articles get ids in time order (oldest 0), every
// lookup term of every article (index-terms.ts) goes into the posting list of its term, and the lists are
// spread over shard files by the term's hash. A query fetches `meta.json`, one shard per term, the large
// lists it needs and the stored articles it shows: its cost follows its terms, not the archive.
//   meta.json          counts, the shard count, the years (first id of each), the sections
//   s/<n>.bin          shards (postings.ts)
//   l/<n>-<k>.bin      posting lists too large to sit inline in shard n
//   d/<n>.json         the stored articles (url, headline, date, section, labels, text), DOC_CHUNK per file
//   v/<n>.json         the vocabulary for 您是不是要找, by the hash of a word's first and of its last character
// Memory is bounded: the terms are gathered in passes over the shards, PASS_ARTICLES' worth at a time.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILTER_PREFIX, LONGEST_RUN, lookupTermsOf, weightedTerms, type SearchableArticle } from './index-terms.ts';
import { encodePostings, encodeShard, hashTerm, type ShardEntry } from './postings.ts';

export const DOC_CHUNK = 8;
export const VOCAB_SHARDS = 64;
export const INDEX_VERSION = 2;
/** Roughly how many articles' terms one pass holds in memory. */
const PASS_ARTICLES = 6000;

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
  for (let pass = 0; pass < passes; pass += 1) {
    const lists = new Map<string, { ids: number[]; weights: number[] }>();
    articles.forEach((article, id) => {
      for (const [term, weight] of weightedTerms(article)) {
        if ((hashTerm(term) % shards) % passes !== pass) continue;
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { ids: [], weights: [] }));
        list.ids.push(id);
        list.weights.push(weight);
      }
    });
    const byShard = new Map<number, ShardEntry[]>();
    for (const [term, list] of lists) {
      const shard = hashTerm(term) % shards;
      let entries = byShard.get(shard);
      if (!entries) byShard.set(shard, (entries = []));
      entries.push({ term, count: list.ids.length, postings: encodePostings(list.ids, list.weights) });
    }
    lists.clear();
    for (let shard = 0; shard < shards; shard += 1) {
      if (shard % passes !== pass) continue;
      const { shard: bytes, external } = encodeShard(byShard.get(shard) ?? []);
      await writeFile(path.join(folder, 's', `${shard}.bin`), bytes);
      for (const [k, list] of external.entries()) await writeFile(path.join(folder, 'l', `${shard}-${k}.bin`), list);
    }
  }
  for (let start = 0; start < articles.length; start += DOC_CHUNK) {
    const chunk = articles.slice(start, start + DOC_CHUNK).map((a) => ({ url: a.url, title: a.title, date: a.date, section: a.section, sectionUrl: a.sectionUrl, tags: a.tags, authors: a.authors, source: a.source, text: a.text }));
    await writeFile(path.join(folder, 'd', `${start / DOC_CHUNK}.json`), JSON.stringify(chunk));
  }
  await writeVocabulary(articles, folder);
  const years: [number, number][] = [];
  articles.forEach((article, id) => {
    if (years.at(-1)?.[0] !== article.year) years.push([article.year, id]);
  });
  const sections = [...new Set(articles.map((article) => article.section))].sort();
  const meta: IndexMeta = { version: INDEX_VERSION, articles: articles.length, shards, docChunk: DOC_CHUNK, vocabShards: VOCAB_SHARDS, longestRun: LONGEST_RUN, filterPrefix: FILTER_PREFIX, years, sections };
  await writeFile(path.join(folder, 'meta.json'), `${JSON.stringify(meta)}\n`);
  return meta;
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
  for (const [n, words] of buckets.entries()) await writeFile(path.join(folder, 'v', `${n}.json`), JSON.stringify(words));
}
