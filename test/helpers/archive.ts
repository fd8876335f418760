// A small seeded fixture archive for the incremental-build and shard tests: original short Chinese
// articles (invented, no real news) in four sections with shared tags, some featured, some with
// aliases, and the edit operations the differential test applies (add, edit body, edit title, retag,
// feature, delete, rename with an alias, schedule, expire, unpublish, change site.yaml).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** mulberry32: a tiny deterministic PRNG; the same seed gives the same archive and the same edits. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, from: number, to: number): number => from + Math.floor(random() * (to - from + 1));

export const SECTIONS = [
  { key: 'shizheng', name: '时政' },
  { key: 'shehui', name: '社会' },
  { key: 'jiaoyu', name: '教育' },
  { key: 'wenhua', name: '文化' },
] as const;
const TAGS = ['民生', '交通', '校园', '非遗', '社区', '环保', '医疗', '文旅', '就业', '养老'];
const AUTHORS = ['林晓', '周远', '陈一帆', '吴敏', '郑可'];
const PLACES = ['青湖区', '东岭镇', '西江街道', '南山村', '北门社区', '临水县'];
const SUBJECTS = ['便民服务站', '老旧小区改造', '夜间公交线路', '社区食堂', '图书角', '志愿服务队', '口袋公园', '职业培训班'];
const VERBS = ['正式启用', '完成验收', '征集意见', '启动试点', '迎来首批居民', '延长开放时间'];
const SENTENCES = [
  '工作人员介绍，此次安排经过多轮走访，听取了居民的意见。',
  '不少市民表示，出行和办事比以前方便了许多。',
  '相关负责人说，下一步将根据使用情况继续调整。',
  '现场秩序井然，志愿者在入口处为老人提供指引。',
  '据了解，项目所需资金已全部落实，后续维护由街道负责。',
  '活动吸引了附近学校的师生前来参观。',
  '有居民建议增加周末的服务时段，工作人员当场作了记录。',
  '记者在现场看到，新设施的标识清楚，使用说明张贴在显眼位置。',
];

export const NOW_EPOCH = 1735689600; // 2025-01-01T00:00:00Z: the fixed SOURCE_DATE_EPOCH of the tests

export interface FixtureArticle {
  /** File name without .md, unique for the life of the archive (never reused after a delete). */
  name: string;
  section: string;
  title: string;
  timestamp: string;
  tags: string[];
  author: string;
  body: string;
  featured: boolean;
  draft: boolean;
  expires?: string;
  aliases: string[];
}

export interface FixtureSite {
  tagline: string;
  pageSize: number;
  sectionNames: Record<string, string>;
}

export interface FixtureArchive {
  site: FixtureSite;
  articles: Map<string, FixtureArticle>;
  /** The next number for a new article's name. */
  next: number;
}

export function urlOf(article: Pick<FixtureArticle, 'section' | 'name'>): string {
  return `/${article.section}/2024/${article.name}/`;
}

function title(random: Random): string {
  return `${pick(random, PLACES)}${pick(random, SUBJECTS)}${pick(random, VERBS)}`;
}

function body(random: Random): string {
  const paragraphs = Array.from({ length: int(random, 2, 3) }, () => Array.from({ length: int(random, 2, 3) }, () => pick(random, SENTENCES)).join(''));
  return paragraphs.join('\n\n');
}

function tags(random: Random): string[] {
  return [...new Set(Array.from({ length: int(random, 1, 3) }, () => pick(random, TAGS)))];
}

/** A 2024 time; minutes come from the serial number, so no two articles share a timestamp. */
function timestamp(random: Random, serial: number): string {
  const month = String(int(random, 1, 11)).padStart(2, '0');
  const day = String(int(random, 1, 28)).padStart(2, '0');
  return `2024-${month}-${day} ${String(8 + (serial % 12)).padStart(2, '0')}:${String(serial % 60).padStart(2, '0')}:${String(Math.floor(serial / 60) % 60).padStart(2, '0')}`;
}

export function newArticle(random: Random, serial: number, options: { featured?: boolean } = {}): FixtureArticle {
  return {
    name: `story-${serial}`,
    section: pick(random, SECTIONS).key,
    title: title(random),
    timestamp: timestamp(random, serial),
    tags: tags(random),
    author: pick(random, AUTHORS),
    body: body(random),
    featured: options.featured ?? random() < 0.15,
    draft: false,
    aliases: random() < 0.15 ? [`/old/${serial}.html`] : [],
  };
}

export function makeArchive(seed: number, count: number): FixtureArchive {
  const random = prng(seed);
  const articles = new Map<string, FixtureArticle>();
  for (let serial = 1; serial <= count; serial += 1) {
    const article = newArticle(random, serial);
    articles.set(article.name, article);
  }
  return { site: { tagline: '本地新闻，每日更新', pageSize: 4, sectionNames: Object.fromEntries(SECTIONS.map((section) => [section.key, section.name])) }, articles, next: count + 1 };
}

export function siteYaml(site: FixtureSite): string {
  return `name: 青湖新闻网
tagline: ${site.tagline}
baseUrl: https://news.qinghu.example
timezone: Asia/Shanghai
pageSize: ${site.pageSize}
railSize: 3
sections:
${SECTIONS.map((section) => `  - key: ${section.key}\n    name: ${site.sectionNames[section.key]}`).join('\n')}
footer:
  title: 版权及免责声明
  text:
    - 本网所有作品均为测试用虚构内容。
  contact: desk@news.qinghu.example
`;
}

export function articleFile(article: FixtureArticle): string {
  const lines = [
    `title: ${article.title}`,
    'source: 青湖新闻网',
    `timestamp: ${article.timestamp}`,
    `tags: [${article.tags.join(', ')}]`,
    `author: ${article.author}`,
    ...(article.featured ? ['featured: true'] : []),
    ...(article.draft ? ['draft: true'] : []),
    ...(article.expires ? [`expires: ${article.expires}`] : []),
    ...(article.aliases.length > 0 ? [`aliases: [${article.aliases.join(', ')}]`] : []),
  ];
  return `---\n${lines.join('\n')}\n---\n${article.body}\n`;
}

/** Writes the archive into `folder`, replacing whatever was there. */
export async function writeArchive(archive: FixtureArchive, folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'site.yaml'), siteYaml(archive.site));
  for (const article of archive.articles.values()) {
    const file = path.join(folder, article.section, '2024', `${article.name}.md`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, articleFile(article));
  }
}

export const EDIT_KINDS = ['add', 'body', 'title', 'retag', 'feature', 'delete', 'rename', 'schedule', 'expire', 'unpublish', 'site'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** Articles that are published now (not draft, not scheduled, not expired). */
function live(archive: FixtureArchive): FixtureArticle[] {
  return [...archive.articles.values()].filter((article) => !article.draft && !article.expires && article.timestamp.startsWith('2024'));
}

/** Applies one edit of `kind` in place and returns a one-line description (for failure messages). */
export function applyEdit(archive: FixtureArchive, kind: EditKind, random: Random): string {
  const target = pick(random, live(archive));
  switch (kind) {
    case 'add': {
      const article = newArticle(random, archive.next++, { featured: false });
      article.timestamp = `2024-12-${String(int(random, 1, 28)).padStart(2, '0')} 10:${String(archive.next % 60).padStart(2, '0')}:00`;
      archive.articles.set(article.name, article);
      return `add ${urlOf(article)}`;
    }
    case 'body':
      target.body = `${pick(random, SENTENCES)}${target.body}`;
      return `edit the body of ${urlOf(target)}`;
    case 'title':
      target.title = title(random) + '（更新）';
      return `edit the title of ${urlOf(target)}`;
    case 'retag':
      target.tags = tags(random);
      return `retag ${urlOf(target)} as ${target.tags.join(',')}`;
    case 'feature':
      target.featured = !target.featured;
      return `${target.featured ? 'feature' : 'unfeature'} ${urlOf(target)}`;
    case 'delete':
      archive.articles.delete(target.name);
      return `delete ${urlOf(target)}`;
    case 'rename': {
      const old = urlOf(target);
      archive.articles.delete(target.name);
      target.name = `renamed-${archive.next++}`;
      target.aliases = [...target.aliases, old];
      archive.articles.set(target.name, target);
      return `rename ${old} to ${urlOf(target)} (alias)`;
    }
    case 'schedule':
      target.timestamp = '2025-03-01 09:00:00';
      return `schedule ${urlOf(target)} for 2025-03-01`;
    case 'expire':
      target.expires = '2024-12-31 12:00:00';
      return `expire ${urlOf(target)}`;
    case 'unpublish':
      target.draft = true;
      return `unpublish ${urlOf(target)} (draft)`;
    case 'site': {
      const what = int(random, 0, 2);
      if (what === 0) {
        archive.site.tagline = `${pick(random, PLACES)}的新闻，每日更新`;
        return `site.yaml tagline → ${archive.site.tagline}`;
      }
      if (what === 1) {
        archive.site.pageSize = archive.site.pageSize === 4 ? 5 : 4;
        return `site.yaml pageSize → ${archive.site.pageSize}`;
      }
      const section = pick(random, SECTIONS);
      archive.site.sectionNames[section.key] = `${section.name}${pick(random, ['频道', '新闻', '视点'])}`;
      return `site.yaml section ${section.key} name → ${archive.site.sectionNames[section.key]}`;
    }
  }
}
