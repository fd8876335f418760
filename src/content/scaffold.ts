// `npm run new`: a new article file with complete front matter, stamped with the current time in site
// time, under an ASCII name made from the title's pinyin. It starts as a draft and never overwrites.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Site } from './site.ts';
import { suggestSlug } from './slugs.ts';
import { momentFromEpoch } from './time.ts';
import { BroadsheetError } from './errors.ts';

/** Syllables of the title kept in the file name: enough to recognise it, short enough to type. */
export const NAME_WORDS = 6;
export const DEFAULT_AUTHOR = '本网记者';

export interface NewArticle {
  section: string;
  title: string;
  tags?: string[];
  authors?: string[];
  source?: string;
}

/** Raised for an unknown section, an empty title, or a file that already exists. */
export class ScaffoldError extends BroadsheetError {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** 洪州地铁四号线首批列车完成试跑 → hong-zhou-di-tie-si-hao */
export function fileNameFor(title: string): string {
  return suggestSlug(title).split('-').slice(0, NAME_WORDS).join('-');
}

/** Splits what an editor typed as a list: commas (, ，), 、 or spaces. */
export function splitList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(/[,，、\s]+/).map((item) => item.trim()).filter(Boolean))];
}

/** The path inside the content folder and the file's text; pure, for a given "now" (ms). */
export function scaffoldArticle(site: Site, input: NewArticle, now: number): { relativePath: string; text: string } {
  const section = site.sections.find((candidate) => candidate.key === input.section);
  if (!section) {
    throw new ScaffoldError(`"${input.section}" is not a section of this site. Use one of: ${site.sections.map((known) => `${known.key} (${known.name})`).join(', ')}.`);
  }
  const title = input.title.trim();
  if (!title) throw new ScaffoldError('The title is empty. Give one with --title "标题".');
  const moment = momentFromEpoch(now, site.timezone);
  const tags = input.tags?.length ? input.tags : [section.name];
  const authors = input.authors?.length ? input.authors : [DEFAULT_AUTHOR];
  const lines = [
    '---',
    `title: ${yamlText(title)}`,
    `source: ${yamlText(input.source?.trim() || site.name)}`,
    `timestamp: ${moment.display}`,
    `tags: [${tags.map(yamlText).join(', ')}]`,
    `author: ${authors.length === 1 ? yamlText(authors[0] ?? DEFAULT_AUTHOR) : `[${authors.map(yamlText).join(', ')}]`}`,
    '# summary: 一两句话的摘要（可选）',
    '# 写完后删除下面一行即可发布；时间晚于发布时刻的文章会定时发布。',
    'draft: true',
    '---',
    '在此撰写正文。',
    '',
  ];
  return { relativePath: `${section.key}/${moment.display.slice(0, 4)}/${fileNameFor(title)}.md`, text: lines.join('\n') };
}

/** Writes the new article; refuses to replace an existing file. Returns the file's absolute path. */
export async function createArticle(contentDir: string, site: Site, input: NewArticle, now: number): Promise<string> {
  const { relativePath, text } = scaffoldArticle(site, input, now);
  const file = path.join(contentDir, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ScaffoldError(`${relativePath} already exists; nothing was written. Edit that file, or give the new article a different title.`);
    }
    throw error;
  }
  return file;
}

/** A YAML scalar: plain when that reads back as the same text, else double-quoted (JSON is valid YAML). */
function yamlText(value: string): string {
  const plain = /^[\p{L}\p{N}][^:#'"[\]{},&*!|>%@`\n]*$/u.test(value) && !/^(true|false|null|yes|no|~|[\d.+-]+)$/i.test(value) && value === value.trim();
  return plain ? value : JSON.stringify(value);
}
