// The newsroom's two everyday edits, applied to a generated corpus for `--publish-one` and
// `--feature-one`: a new, non-featured story newer than every other, and an old story featured.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatTimestamp, type CorpusStats } from './corpus.ts';
import { createRandom } from './random.ts';
import { articleBody, headline } from './text.ts';
import { SECTIONS, SOURCES } from './words.ts';

/** Writes one new story an hour after the newest; returns its path relative to the corpus folder. */
export function addStory(folder: string, corpus: CorpusStats, seed: number): string {
  const random = createRandom(seed);
  const moment = new Date((corpus.lastSecond + 3600) * 1000);
  const section = random.pick(SECTIONS);
  // Tags as an ordinary story has them: one common, two from the long tail.
  const common = corpus.tagNames.slice(0, 20);
  const tail = corpus.tagNames.slice(20);
  const tags = new Set([random.pick(common), random.pick(tail.length > 0 ? tail : common), random.pick(tail.length > 0 ? tail : common)]);
  const text = [
    '---',
    `title: ${headline(random)}`,
    `source: ${random.pick(SOURCES)}`,
    `timestamp: ${formatTimestamp(moment)}`,
    'tags:',
    ...[...tags].map((tag) => `  - ${tag}`),
    `author: ${random.pick(corpus.authorNames)}`,
    '---',
    '',
    articleBody(random),
    '',
  ].join('\n');
  const relative = path.join(section.key, String(moment.getUTCFullYear()), `bench-breaking-${seed.toString(36)}.md`);
  mkdirSync(path.join(folder, path.dirname(relative)), { recursive: true });
  writeFileSync(path.join(folder, relative), text);
  return relative;
}

/** Adds `featured: true` to the front matter of an existing, non-featured story. */
export function featureStory(folder: string, relative: string): void {
  const file = path.join(folder, relative);
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end < 0 || /^featured:/m.test(text.slice(0, end))) throw new Error(`${file} is not an unfeatured story with front matter.`);
  writeFileSync(file, `${text.slice(0, end)}\nfeatured: true${text.slice(end)}`);
}
