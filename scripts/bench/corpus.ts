// Writes a synthetic portal into a folder: site.yaml and N articles in <section>/<year>/<name>.md,
// the same files for the same seed. Tags follow a Zipf-like law, as on a real news site: a few sit on
// about a third of all articles, most on a handful (ARCHITECTURE decisions 2 and 5 are about this shape).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom, zipfSampler, type Random } from './random.ts';
import { articleBody, headline, sentence } from './text.ts';
import { FILE_WORDS, GIVEN_NAMES, SECTIONS, SOURCES, SURNAMES, WORDS } from './words.ts';

export const TAG_POOL_SIZE = 2000;
export const AUTHOR_POOL_SIZE = 200;
/** Tag rank r is drawn with weight 1 / (r + 1)^TAG_EXPONENT. */
export const TAG_EXPONENT = 0.95;
const FIRST_SECOND = Date.UTC(2019, 0, 1) / 1000;
const SPAN_SECONDS = Date.UTC(2025, 0, 1) / 1000 - FIRST_SECOND;

export interface CorpusStats {
  articles: number;
  sections: number;
  tagsUsed: number;
  /** The most used tags with the share of articles carrying each. */
  topTags: { name: string; share: number }[];
  authors: number;
  featured: number;
  drafts: number;
  /** Average length of a body in characters. */
  bodyCharacters: number;
  bytes: number;
  /** Tags in use, most used first (the edits in edits.ts draw from them). */
  tagNames: string[];
  /** The pool of authors' names. */
  authorNames: string[];
  /** The oldest and the newest published, non-featured article, relative to the corpus folder. */
  oldest?: string;
  newest?: string;
  /** The newest article's timestamp in seconds. */
  lastSecond: number;
}

export function writeCorpus(folder: string, articles: number, seed: number): CorpusStats {
  const random = createRandom(seed);
  writeFileSync(path.join(folder, 'site.yaml'), siteYaml());
  const tags = uniqueNames(random, TAG_POOL_SIZE, (rank) => (rank < 150 ? random.pick(WORDS) : random.pick(WORDS) + random.pick(WORDS)));
  const authors = uniqueNames(random, AUTHOR_POOL_SIZE, () => random.pick(SURNAMES) + random.pick(GIVEN_NAMES) + (random.chance(0.6) ? random.pick(GIVEN_NAMES) : ''));
  const drawTag = zipfSampler(tags.length, TAG_EXPONENT);
  const tagCounts = new Map<string, number>();
  const folders = new Set<string>();
  const averageGap = Math.max(1, Math.floor(SPAN_SECONDS / Math.max(1, articles)));
  const stats = { featured: 0, drafts: 0, bodyCharacters: 0, bytes: 0 };
  let oldest: string | undefined;
  let newest: string | undefined;
  let second = FIRST_SECOND;

  for (let index = 0; index < articles; index += 1) {
    second += random.int(1, 2 * averageGap - 1);
    const moment = new Date(second * 1000);
    const section = random.pick(SECTIONS);
    const picked = new Set<string>();
    for (let count = random.int(2, 6); picked.size < count; ) picked.add(tags[drawTag(random)] as string);
    for (const tag of picked) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const author = random.chance(0.05) ? `[${random.pick(authors)}, ${random.pick(authors)}]` : random.pick(authors);
    const featured = random.chance(0.01);
    const draft = random.chance(0.005);
    const body = articleBody(random);
    const lines = [
      '---',
      `title: ${headline(random)}`,
      `source: ${random.pick(SOURCES)}`,
      `timestamp: ${formatTimestamp(moment)}`,
      'tags:',
      ...[...picked].map((tag) => `  - ${tag}`),
      `author: ${author}`,
      ...(random.chance(0.1) ? [`summary: ${sentence(random)}`] : []),
      ...(featured ? ['featured: true'] : []),
      ...(draft ? ['draft: true'] : []),
      '---',
      '',
      body,
      '',
    ];
    const text = lines.join('\n');
    const relative = path.join(section.key, String(moment.getUTCFullYear()), `${random.pick(FILE_WORDS)}-${random.pick(FILE_WORDS)}-${index.toString(36)}.md`);
    const folderPath = path.join(folder, path.dirname(relative));
    if (!folders.has(folderPath)) mkdirSync(folderPath, { recursive: true });
    folders.add(folderPath);
    writeFileSync(path.join(folder, relative), text);
    if (!featured && !draft) {
      oldest ??= relative;
      newest = relative;
    }
    stats.featured += Number(featured);
    stats.drafts += Number(draft);
    stats.bodyCharacters += body.length;
    stats.bytes += Buffer.byteLength(text);
  }

  const byUse = [...tagCounts].sort((a, b) => b[1] - a[1]);
  const topTags = byUse
    .slice(0, 3)
    .map(([name, count]) => ({ name, share: count / Math.max(1, articles) }));
  return {
    articles,
    sections: SECTIONS.length,
    tagsUsed: tagCounts.size,
    topTags,
    authors: authors.length,
    featured: stats.featured,
    drafts: stats.drafts,
    bodyCharacters: Math.round(stats.bodyCharacters / Math.max(1, articles)),
    bytes: stats.bytes,
    tagNames: byUse.map(([name]) => name),
    authorNames: authors,
    ...(oldest === undefined ? {} : { oldest }),
    ...(newest === undefined ? {} : { newest }),
    lastSecond: second,
  };
}

function uniqueNames(random: Random, size: number, make: (rank: number) => string): string[] {
  const names = new Set<string>();
  for (let attempts = 0; names.size < size; attempts += 1) {
    if (attempts > size * 100) throw new Error(`Could not make ${size} distinct names from the word pool.`);
    names.add(make(names.size));
  }
  return [...names];
}

/** Wall-clock time in site time, written the way editors write it: 2022-12-26 09:08:22. */
export function formatTimestamp(moment: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${moment.getUTCFullYear()}-${pad(moment.getUTCMonth() + 1)}-${pad(moment.getUTCDate())} ${pad(moment.getUTCHours())}:${pad(moment.getUTCMinutes())}:${pad(moment.getUTCSeconds())}`;
}

export function siteYaml(): string {
  return [
    '# Synthetic portal written by scripts/bench.ts; same shape as content/site.yaml.',
    'name: 洪州新闻网',
    'tagline: 洪州本地新闻，每日更新',
    'baseUrl: https://news.hongzhou.example',
    'language: zh-CN',
    'timezone: Asia/Shanghai',
    'pageSize: 12',
    '',
    'sections:',
    ...SECTIONS.flatMap((section) => [`  - key: ${section.key}`, `    name: ${section.name}`]),
    '',
    'navigation:',
    '  - title: 全部标签',
    '    url: /tag/',
    '',
    'footer:',
    '  title: 版权及免责声明',
    '  text:',
    '    - 凡本网注明“来源：洪州新闻网”的所有作品，版权均属于洪州新闻网，未经授权不得转载、摘编或利用其它方式使用。',
    '    - 凡本网注明“来源：XXX（非洪州新闻网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。',
    '  contact: editor@hongzhou.example',
    '  copyright: © 洪州新闻网 版权所有',
    '',
  ].join('\n');
}
