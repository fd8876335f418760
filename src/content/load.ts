// Reads every article under the content folder, validates it against the one schema and renders its
// body, collecting EVERY problem in EVERY file before failing once (ARCHITECTURE data flow).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Token } from 'markdown-it';
import { createMarkdown } from '../render/markdown.ts';
import type { FigureEnv } from '../render/markdown/figure.ts';
import type { UnsafeEnv } from '../render/markdown/unsafe-html.ts';
import { pictureOf, type SourceImage } from '../images/spec.ts';
import { sanitizeBody } from '../render/sanitize.ts';
import { ContentError, type ContentProblem } from './errors.ts';
import { joinBlocks } from './excerpt.ts';
import { checkImages, type ImageUse } from './images.ts';
import { findAliasClashes, type Alias } from './aliases.ts';
import { splitFrontMatter } from './front-matter.ts';
import { articleSchema, type FrontMatter } from './schema.ts';
import { loadSite, type Site } from './site.ts';
import { suggestSlug } from './slugs.ts';

export interface LoadedArticle {
  /** Path shown in messages, e.g. content/jiaoyu/2022/pingan.md */
  file: string;
  /** Path inside the content folder with forward slashes, e.g. jiaoyu/2022/pingan.md */
  id: string;
  frontMatter: FrontMatter;
  sectionKey: string;
  url: string;
  html: string;
  /** The body's paragraphs as plain text, for excerpts. */
  text: string;
  /** Old addresses that redirect here (front-matter `aliases`), with their lines. */
  aliases: Alias[];
  /** Images in the body, in order (each becomes /img/ files in the "body" variant). */
  images: SourceImage[];
  /** The front-matter cover: the lead image and the card thumbnail. */
  cover?: { image: SourceImage; alt: string; caption?: string };
}

export interface LoadedContent {
  site: Site;
  articles: LoadedArticle[];
}

export interface LoadOptions {
  /** Where messages say the files are relative to; defaults to the working directory. */
  displayRoot?: string;
}

const ASCII_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const READ_BATCH = 64;

/** Loads and validates site.yaml and every article; throws one ContentError listing all problems. */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadedContent> {
  const root = path.resolve(contentDir);
  const display = (file: string): string => toPosix(path.relative(options.displayRoot ?? process.cwd(), file));
  const site = await loadSite(path.join(root, 'site.yaml'), display(path.join(root, 'site.yaml')));
  const files = await listMarkdownFiles(root);
  const schema = articleSchema({ zone: site.timezone, sectionKeys: site.sections.map((section) => section.key) });
  const md = createMarkdown();
  const problems: ContentProblem[] = [];
  const parsed: ParsedArticle[] = [];
  const imageUses: ImageUse[] = [];

  for (let start = 0; start < files.length; start += READ_BATCH) {
    const batch = files.slice(start, start + READ_BATCH);
    const texts = await Promise.all(batch.map((file) => readFile(file, 'utf8')));
    batch.forEach((file, index) => {
      const id = toPosix(path.relative(root, file));
      const result = loadArticle({ id, file: display(file), path: file, text: texts[index] ?? '', schema, site, md });
      problems.push(...result.problems);
      imageUses.push(...result.imageUses);
      if (result.parsed) parsed.push(result.parsed);
    });
  }
  // Image files are checked together, after every article is parsed, so all problems land in one report.
  const checked = await checkImages(imageUses, root, display);
  problems.push(...checked.problems);
  const failed = new Set(problems.map((problem) => problem.file));
  const imageOf = (use: ImageUse): SourceImage | undefined => {
    const file = checked.fileOf(use);
    return file ? checked.images.get(file) : undefined;
  };
  const articles = parsed.filter((article) => !failed.has(article.article.file)).map((article) => renderArticle(article, imageOf, md));
  problems.push(...findDuplicateUrls(articles), ...findAliasClashes(articles));
  if (problems.length > 0) throw new ContentError(problems);
  return { site, articles };
}

interface ArticleInput {
  id: string;
  file: string;
  /** Absolute path, for resolving relative image paths. */
  path: string;
  text: string;
  schema: ReturnType<typeof articleSchema>;
  site: Site;
  md: ReturnType<typeof createMarkdown>;
}

/** An article that parsed; its body renders once its images are known. */
interface ParsedArticle {
  article: Omit<LoadedArticle, 'html' | 'images' | 'cover'>;
  tokens: Token[];
  env: UnsafeEnv & FigureEnv;
  bodyUses: ImageUse[];
  coverUse?: ImageUse;
}

function loadArticle({ id, file, path: articlePath, text, schema, site, md }: ArticleInput): { parsed?: ParsedArticle; problems: ContentProblem[]; imageUses: ImageUse[] } {
  const split = splitFrontMatter(text, file);
  if (!split.ok) return { problems: split.problems, imageUses: [] };
  const { data, body, bodyLine, lineOf } = split.value;
  const problems: ContentProblem[] = [];
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const field =
        where.length > 1
          ? typeof where[1] === 'number' ? `${String(where[0])}[${where[1] + 1}]` : where.map(String).join('.')
          : String(where[0] ?? 'front matter');
      problems.push({ file, line: lineOf(where), field, message: issue.message });
    }
  }

  const folders = id.split('/');
  const stem = (folders.pop() ?? '').replace(/\.md$/i, '');
  const declaredSection = typeof data.section === 'string' ? data.section : undefined;
  const sectionKey = declaredSection ?? (folders.length > 0 ? folders[0] : undefined);
  const sectionKeys = site.sections.map((section) => section.key);
  if (!declaredSection && (!sectionKey || !sectionKeys.includes(sectionKey))) {
    problems.push({
      file,
      line: 1,
      field: 'section',
      message: sectionKey
        ? `the folder "${sectionKey}" is not a section in site.yaml. Move the file into one of ${sectionKeys.join(', ')}, or add "section:" to its front matter.`
        : `the article is not in a section folder. Move it into one of ${sectionKeys.join(', ')}, or add "section:" to its front matter.`,
    });
  }
  const slug = typeof data.slug === 'string' ? data.slug : undefined;
  for (const folder of folders) {
    if (!ASCII_SEGMENT.test(folder)) {
      problems.push({ file, line: 1, field: 'file name', message: `the folder "${folder}" is not plain ASCII, so it cannot be part of a URL. Rename it with letters, digits and hyphens, e.g. ${suggestSlug(folder)}.` });
    }
  }
  if (!slug && !ASCII_SEGMENT.test(stem)) {
    const title = typeof data.title === 'string' ? data.title : stem;
    problems.push({ file, line: 1, field: 'file name', message: `"${stem}.md" is not plain ASCII, so it cannot be a URL. Rename the file, e.g. ${suggestSlug(title)}.md, or add "slug: ${suggestSlug(title)}" to the front matter.` });
  }

  const env: UnsafeEnv & FigureEnv = {};
  const tokens = md.parse(body, env);
  for (const finding of env.unsafe ?? []) {
    problems.push({ file, line: bodyLine + finding.line, field: 'body', message: finding.message });
  }
  const paragraphs = paragraphTexts(tokens);
  const hasContent = tokens.some((token) => token.type !== 'inline' && token.type !== 'paragraph_open' && token.type !== 'paragraph_close') || paragraphs.length > 0;
  if (!body.trim() || !hasContent) {
    problems.push({ file, line: bodyLine, field: 'body', message: 'the article has no text. Write the article below the closing "---" line.' });
  }

  const bodyUses: ImageUse[] = (env.images ?? []).map((ref) => ({ file, articlePath, line: bodyLine + ref.line, field: 'body', src: ref.src, alt: ref.alt }));
  // The cover's file is checked even when another field is wrong (the schema reports its alt text).
  const coverSrc = coverSourceOf(data.cover);
  const coverUse: ImageUse | undefined = coverSrc ? { file, articlePath, line: lineOf(['cover', 'src']), field: 'cover.src', src: coverSrc } : undefined;
  const imageUses = coverUse ? [coverUse, ...bodyUses] : bodyUses;

  // Images are checked even when the article has other problems, so the editor sees everything at once.
  if (problems.length > 0 || !parsed.success || !sectionKey) return { problems, imageUses };
  const url = `/${[...folders, slug ?? stem].map((part) => part.toLowerCase()).join('/')}/`;
  return {
    problems,
    imageUses,
    parsed: {
      article: { file, id, frontMatter: parsed.data, sectionKey, url, text: joinBlocks(paragraphs), aliases: (parsed.data.aliases ?? []).map((alias, index) => ({ path: alias, line: lineOf(['aliases', index]) })) },
      tokens,
      env,
      bodyUses,
      ...(coverUse ? { coverUse } : {}),
    },
  };
}

function coverSourceOf(cover: unknown): string | undefined {
  const src = typeof cover === 'object' && cover !== null ? (cover as { src?: unknown }).src : undefined;
  return typeof src === 'string' && src.trim() ? src.trim() : undefined;
}

/** Renders a checked article's body, with each image as a <picture> of its processed files. */
function renderArticle(parsed: ParsedArticle, imageOf: (use: ImageUse) => SourceImage | undefined, md: ReturnType<typeof createMarkdown>): LoadedArticle {
  const pictures = new Map(parsed.bodyUses.flatMap((use) => {
    const image = imageOf(use);
    return image ? [[use.src, pictureOf(image, 'body')] as const] : [];
  }));
  const images = parsed.bodyUses.map(imageOf).filter((image): image is SourceImage => image !== undefined);
  const coverImage = parsed.coverUse ? imageOf(parsed.coverUse) : undefined;
  const { cover } = parsed.article.frontMatter;
  const env = { ...parsed.env, pictures };
  return {
    ...parsed.article,
    html: sanitizeBody(md.renderer.render(parsed.tokens, md.options, env)),
    images,
    ...(coverImage && cover ? { cover: { image: coverImage, alt: cover.alt, ...(cover.caption ? { caption: cover.caption } : {}) } } : {}),
  };
}

function paragraphTexts(tokens: readonly Token[]): string[] {
  const texts: string[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'inline' || tokens[index - 1]?.type !== 'paragraph_open') return;
    const text = (token.children ?? [])
      .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : ''))
      .join('');
    if (text.trim()) texts.push(text);
  });
  return texts;
}

function findDuplicateUrls(articles: readonly LoadedArticle[]): ContentProblem[] {
  const byUrl = new Map<string, LoadedArticle[]>();
  for (const article of articles) byUrl.set(article.url, [...(byUrl.get(article.url) ?? []), article]);
  const problems: ContentProblem[] = [];
  for (const [url, owners] of byUrl) {
    if (owners.length < 2) continue;
    for (const owner of owners) {
      const others = owners.filter((other) => other !== owner).map((other) => other.file).join(', ');
      problems.push({ file: owner.file, line: 1, field: 'url', message: `${url} is also the URL of ${others}. Rename one of the files or give it a different "slug:".` });
    }
  }
  return problems;
}

async function listMarkdownFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    // A README.md is the newsroom's notes about a folder, not an article.
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && entry.name.toLowerCase() !== 'readme.md')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !toPosix(path.relative(root, file)).split('/').some((part) => part.startsWith('.') || part.startsWith('_')))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
