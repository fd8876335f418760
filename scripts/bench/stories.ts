// A synthetic archive with planted stories, for measuring related reading (猜您喜欢): every article
// belongs to one story of several articles that share the story's specific tags, spread over sections
// and weeks and interleaved with other stories; every article also carries common tags that say
// nothing about its story. The same seed writes the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTimestamp, type CorpusStats } from './corpus.ts';
import { createRandom, type Random } from './random.ts';
import { articleBody, headline } from './text.ts';
import { GIVEN_NAMES, SECTIONS, SOURCES, SURNAMES, WORDS } from './words.ts';

/** Common tags: on many articles across every story. */
const COMMON_TAG_COUNT = 24;
const FIRST_SECOND = Date.UTC(2021, 0, 1) / 1000;
const WEEK = 7 * 24 * 3600;

export interface PlantedCorpus {
  stats: CorpusStats;
  /** Article URL → its story number. */
  storyOf: Map<string, number>;
  /** Story number → the specific tags its articles share. */
  storyTags: string[][];
}

/** Writes `articles` articles in stories of 7–10 (so every article has at least six story-mates to find); returns which article belongs to which story. */
export function writePlantedCorpus(folder: string, articles: number, seed: number, siteYaml: string): PlantedCorpus {
  const random = createRandom(seed);
  writeFileSync(path.join(folder, 'site.yaml'), siteYaml);
  const common = distinct(random, COMMON_TAG_COUNT, () => random.pick(WORDS));
  const storyOf = new Map<string, number>();
  const storyTags: string[][] = [];
  const authors = distinct(random, 60, () => random.pick(SURNAMES) + random.pick(GIVEN_NAMES) + random.pick(GIVEN_NAMES));
  const specific = new Set<string>(common);
  const planned: { story: number; second: number }[] = [];
  // Stories start across three years; each runs over up to four weeks.
  const span = 3 * 52 * WEEK;
  for (let story = 0; planned.length < articles; story += 1) {
    const tags: string[] = [];
    while (tags.length < 2) {
      const name = `${random.pick(WORDS)}${random.pick(WORDS)}${random.pick(WORDS)}`;
      if (!specific.has(name)) {
        specific.add(name);
        tags.push(name);
      }
    }
    storyTags.push(tags);
    const start = FIRST_SECOND + random.int(0, span);
    const size = Math.min(random.int(7, 10), articles - planned.length);
    for (let i = 0; i < size; i += 1) planned.push({ story, second: start + random.int(0, 4 * WEEK) });
  }
  planned.sort((a, b) => a.second - b.second);
  let bytes = 0;
  let last = FIRST_SECOND;
  const folders = new Set<string>();
  planned.forEach(({ story, second }, index) => {
    const moment = new Date(second * 1000);
    last = Math.max(last, second);
    const section = random.pick(SECTIONS);
    const own = storyTags[story] as string[];
    // Most articles carry both of the story's tags, some only one; one to three common tags each.
    const tags = new Set(random.chance(0.75) ? own : [random.pick(own)]);
    for (let count = random.int(1, 3), n = 0; n < count; n += 1) tags.add(random.pick(common));
    const text = [
      '---',
      `title: ${headline(random)}`,
      `source: ${random.pick(SOURCES)}`,
      `timestamp: ${formatTimestamp(moment)}`,
      'tags:',
      ...[...tags].map((tag) => `  - ${tag}`),
      `author: ${random.pick(authors)}`,
      '---',
      '',
      articleBody(random),
      '',
    ].join('\n');
    const year = String(moment.getUTCFullYear());
    const name = `story-${story.toString(36)}-${index.toString(36)}`;
    const dir = path.join(folder, section.key, year);
    if (!folders.has(dir)) mkdirSync(dir, { recursive: true });
    folders.add(dir);
    writeFileSync(path.join(dir, `${name}.md`), text);
    storyOf.set(`/${section.key}/${year}/${name}/`, story);
    bytes += Buffer.byteLength(text);
  });
  const stats: CorpusStats = {
    articles,
    sections: SECTIONS.length,
    tagsUsed: specific.size,
    topTags: [],
    authors: authors.length,
    featured: 0,
    drafts: 0,
    bodyCharacters: 0,
    bytes,
    tagNames: [...common],
    authorNames: authors,
    lastSecond: last,
  };
  return { stats, storyOf, storyTags };
}

/** One more article of story `story`, an hour after the newest: the new story of `--publish-one`. */
export function addStoryArticle(folder: string, corpus: PlantedCorpus, story: number, seed: number): string {
  const random = createRandom(seed);
  const moment = new Date((corpus.stats.lastSecond + 3600) * 1000);
  const section = random.pick(SECTIONS);
  const tags = [...(corpus.storyTags[story] as string[]), random.pick(corpus.stats.tagNames)];
  const year = String(moment.getUTCFullYear());
  const name = `story-${story.toString(36)}-breaking`;
  const text = [
    '---',
    `title: ${headline(random)}`,
    `source: ${random.pick(SOURCES)}`,
    `timestamp: ${formatTimestamp(moment)}`,
    'tags:',
    ...tags.map((tag) => `  - ${tag}`),
    `author: ${random.pick(corpus.stats.authorNames)}`,
    '---',
    '',
    articleBody(random),
    '',
  ].join('\n');
  mkdirSync(path.join(folder, section.key, year), { recursive: true });
  writeFileSync(path.join(folder, section.key, year, `${name}.md`), text);
  const url = `/${section.key}/${year}/${name}/`;
  corpus.storyOf.set(url, story);
  return url;
}

function distinct(random: Random, size: number, make: () => string): string[] {
  const names = new Set<string>();
  for (let attempts = 0; names.size < size; attempts += 1) {
    if (attempts > size * 100) throw new Error(`Could not make ${size} distinct names.`);
    names.add(make());
  }
  return [...names];
}
