// Reads every article under the content folder and validates it against the one schema, collecting
// EVERY problem in EVERY file before failing once (ARCHITECTURE data flow). Bodies are parsed here
// (validation needs their images, links, raw HTML and lines) and rendered by the function the caller
// hands in (src/render/markdown.ts createBodyRenderer): content never imports the render layer.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pictureOf, type SourceImage } from '../images/spec.ts';
import type { Alias } from './aliases.ts';
import { ContentError, fieldPath, type ContentProblem } from './errors.ts';
import { joinBlocks } from './excerpt.ts';
import { splitFrontMatter } from './front-matter.ts';
import { checkImages, type ImageUse } from './images.ts';
import { findHtmlProblems } from './markdown/html-check.ts';
import { createParser, type BodyEnv, type BodyRenderer, type Markdown, type ParsedBody, type Token } from './markdown/parser.ts';
import { articleMessages, fileMessages } from './messages.ts';
import { readText } from './read-text.ts';
import { articleSchema, FUTURE_YEARS, type FrontMatter } from './schema.ts';
import { loadSiteFile, type Site, type SiteFile } from './site.ts';
import { suggestSlug } from './slugs.ts';

export type { BodyRenderer, ParsedBody };

export interface LoadedArticle {
  /** Path shown in messages, e.g. content/jiaoyu/2022/pingan.md */
  file: string;
  /** Path inside the content folder with forward slashes, e.g. jiaoyu/2022/pingan.md */
  id: string;
  frontMatter: FrontMatter;
  sectionKey: string;
  url: string;
  /** The line that decides the URL: the `slug:` line, else 1 (the file name). */
  urlLine: number;
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
  /** Oldest first (then by URL). */
  articles: LoadedArticle[];
  /** site.yaml as read, for problems about the settings (their file and lines). */
  siteFile?: Pick<SiteFile, 'file' | 'lineOf'>;
}

export interface LoadOptions {
  /** Where messages say the files are relative to; defaults to the working directory. */
  displayRoot?: string;
  /** Valid articles from earlier builds, so an unchanged file is not parsed and rendered again. */
  cache?: ArticleCache;
  /** Renders a checked body to HTML; without it, articles carry no html (a check needs none). */
  renderBody?: BodyRenderer;
  /** The build's "now" in ms: timestamps absurdly far after it are refused (schema FUTURE_YEARS). */
  now?: number;
}

/**
 * A store of articles that passed validation and were rendered, keyed by everything that decides the
 * result: the cache's own context (code and dependency versions), site.yaml, the file's place and its
 * bytes. The images an article shows are checked on every build; a cached article whose images
 * changed is parsed again. The store verifies its entries: a damaged one reads as missing.
 */
export interface ArticleCache {
  keyOf(parts: readonly string[]): string;
  get(key: string): Promise<CachedArticle | undefined>;
  set(key: string, entry: CachedArticle): Promise<void>;
  /** What earlier builds know of the article files, so an unchanged file is not even read. */
  files?: ContentFiles;
}

/**
 * The article files as earlier builds saw them (src/build/content-files.ts). `look` checks a file
 * without reading it: `known` is the SHA-256 of its bytes as last read when the file is known unchanged
 * since; `remember` records the SHA-256 of what this build read (or knew).
 */
export interface ContentFiles {
  look(id: string, file: string): Promise<{ known?: string; remember: (sha256: string) => void }>;
  /** How an article file is read (readText; a test counts reads through it). */
  read?: typeof readText;
}

export interface CachedArticle {
  article: ParsedArticle['article'];
  bodyUses: ImageUse[];
  coverUse?: ImageUse;
  /** The checked images the html was rendered with (JSON), to tell whether they changed since. */
  images: string;
  html: string;
}

const ASCII_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const READ_BATCH = 64;

/** Loads and validates site.yaml and every article; throws one ContentError listing all problems. */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadedContent> {
  const { content, problems } = await readContent(contentDir, options);
  if (problems.length > 0) throw new ContentError(problems);
  return content;
}

/**
 * Reads everything and returns the articles that passed with the problems of the rest, so a caller can
 * add its own checks (the address book) before failing once. Only an unusable site.yaml throws.
 */
export async function readContent(contentDir: string, options: LoadOptions = {}): Promise<{ content: LoadedContent; problems: ContentProblem[] }> {
  const root = path.resolve(contentDir);
  const display = (file: string): string => toPosix(path.relative(options.displayRoot ?? process.cwd(), file)) || '.';
  const siteFile = await loadSiteFile(path.join(root, 'site.yaml'), display(path.join(root, 'site.yaml')), { path: root, shown: display(root) });
  const { site } = siteFile;
  const files = await listMarkdownFiles(root);
  const schema = articleSchema({ zone: site.timezone, sectionKeys: site.sections.map((section) => section.key), ...(options.now !== undefined ? { now: options.now } : {}) });
  const md = createParser();
  const problems: ContentProblem[] = [];
  const parsed: ParsedArticle[] = [];
  const imageUses: ImageUse[] = [];

  const { cache } = options;
  const siteKey = cache ? JSON.stringify(site) : '';
  const now = options.now;
  const read = cache?.files?.read ?? readText;
  for (let start = 0; start < files.length; start += READ_BATCH) {
    const batch = files.slice(start, start + READ_BATCH);
    const looks = await Promise.all(batch.map((file) => cache?.files?.look(toPosix(path.relative(root, file)), file)));
    const keyOf = (file: string, sha256: string): string | undefined => cache?.keyOf([siteKey, toPosix(path.relative(root, file)), display(file), file, sha256]);
    // A file known unchanged is taken from the cache unread; a miss (an entry gone) reads it after all.
    const knownHits = await Promise.all(batch.map((file, index) => {
      const known = looks[index]?.known;
      return cache && known ? cache.get(keyOf(file, known) as string) : undefined;
    }));
    const texts = await Promise.all(batch.map((file, index) => (knownHits[index] ? undefined : read(file, display(file), 'file'))));
    const sums = batch.map((file, index) => {
      const text = texts[index];
      return text?.ok ? sha256Of(text.text) : knownHits[index] ? looks[index]?.known : undefined;
    });
    const keys = batch.map((file, index) => (cache && sums[index] ? keyOf(file, sums[index] as string) : undefined));
    const hits = await Promise.all(keys.map((key, index) => knownHits[index] ?? (cache && key ? cache.get(key) : undefined)));
    batch.forEach((file, index) => {
      const sum = sums[index];
      if (sum) looks[index]?.remember(sum);
      const id = toPosix(path.relative(root, file));
      const text = texts[index];
      const hit = hits[index];
      // A cached article is valid as it was unless "now" moved back far enough to refuse its times.
      if (hit && isStillInRange(hit.article.frontMatter, now)) {
        const input = async (): Promise<ArticleInput | undefined> => {
          const again = text ?? (await read(file, display(file), 'file'));
          return again.ok && sha256Of(again.text) === sum ? { id, file: display(file), path: file, text: again.text, schema, site, md } : undefined;
        };
        imageUses.push(...(hit.coverUse ? [hit.coverUse] : []), ...hit.bodyUses);
        parsed.push({ article: hit.article, bodyUses: hit.bodyUses, ...(hit.coverUse ? { coverUse: hit.coverUse } : {}), cached: hit, input });
        return;
      }
      const result = text?.ok ? loadArticle({ id, file: display(file), path: file, text: text.text, schema, site, md }) : undefined;
      if (!result) {
        problems.push(...(text && !text.ok ? text.problems : [{ file: display(file), line: 1, field: 'file', message: fileMessages.unreadable('changed while the build read it') }]));
        return;
      }
      problems.push(...result.problems);
      imageUses.push(...result.imageUses);
      if (result.parsed) parsed.push({ ...result.parsed, ...(keys[index] ? { cacheKey: keys[index] } : {}) });
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
  const finished: LoadedArticle[] = [];
  for (const article of parsed.filter((candidate) => !failed.has(candidate.article.file))) {
    finished.push(await finishCached(article, imageOf, options.renderBody, cache));
  }
  const articles = finished
    // Oldest first, whatever the folders: the first author or tag published keeps its plain slug (slugs.ts).
    .sort((a, b) => a.frontMatter.timestamp.epoch - b.frontMatter.timestamp.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { content: { site, articles, siteFile: { file: siteFile.file, lineOf: siteFile.lineOf } }, problems };
}

interface ArticleInput {
  id: string;
  file: string;
  /** Absolute path, for resolving relative image paths. */
  path: string;
  text: string;
  schema: ReturnType<typeof articleSchema>;
  site: Site;
  md: Markdown;
}

/** An article that parsed (or came from the cache); its body renders once its images are known. */
interface ParsedArticle {
  article: Omit<LoadedArticle, 'html' | 'images' | 'cover'>;
  tokens?: Token[];
  env?: BodyEnv;
  bodyUses: ImageUse[];
  coverUse?: ImageUse;
  /** Set when the article came from the cache: its html, and how to read it again if images changed. */
  cached?: CachedArticle;
  input?: () => Promise<ArticleInput | undefined>;
  /** Where a freshly parsed, valid article is stored in the cache. */
  cacheKey?: string;
}

function isStillInRange(frontMatter: FrontMatter, now: number | undefined): boolean {
  if (now === undefined) return true;
  const limit = now + FUTURE_YEARS * 365.25 * 24 * 3600 * 1000;
  return [frontMatter.timestamp, frontMatter.updated, frontMatter.expires].every((moment) => !moment || moment.epoch <= limit);
}

/** Finishes an article, from the cache when its images are as they were, storing fresh ones. */
async function finishCached(parsed: ParsedArticle, imageOf: (use: ImageUse) => SourceImage | undefined, renderBody: BodyRenderer | undefined, cache: ArticleCache | undefined): Promise<LoadedArticle> {
  const images = JSON.stringify([...(parsed.coverUse ? [parsed.coverUse] : []), ...parsed.bodyUses].map(imageOf));
  if (parsed.cached) {
    if (parsed.cached.images === images && renderBody) return finishArticle({ ...parsed, html: parsed.cached.html }, imageOf, renderBody);
    const input = parsed.input ? await parsed.input() : undefined;
    if (!input) throw new ContentError([{ file: parsed.article.file, line: 1, field: 'file', message: fileMessages.unreadable('changed while the build read it') }]);
    const again = loadArticle(input).parsed;
    if (again) return finishArticle(again, imageOf, renderBody);
  }
  const article = finishArticle(parsed, imageOf, renderBody);
  if (cache && parsed.cacheKey && renderBody) {
    await cache.set(parsed.cacheKey, { article: parsed.article, bodyUses: parsed.bodyUses, ...(parsed.coverUse ? { coverUse: parsed.coverUse } : {}), images, html: article.html });
  }
  return article;
}

function loadArticle({ id, file, path: articlePath, text, schema, site, md }: ArticleInput): { parsed?: ParsedArticle; problems: ContentProblem[]; imageUses: ImageUse[] } {
  const split = splitFrontMatter(text, file);
  if (!split.ok) return { problems: split.problems, imageUses: [] };
  const { data, body, bodyLine, lineOf } = split.value;
  const problems: ContentProblem[] = [];
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, line: lineOf(issue.path), field: fieldPath(issue.path), message: issue.message });
  }

  const folders = id.split('/');
  const stem = (folders.pop() ?? '').replace(/\.md$/i, '');
  const declaredSection = typeof data.section === 'string' ? data.section : undefined;
  const sectionKey = declaredSection ?? (folders.length > 0 ? folders[0] : undefined);
  const sectionKeys = site.sections.map((section) => section.key);
  if (!declaredSection && (!sectionKey || !sectionKeys.includes(sectionKey))) {
    problems.push({ file, line: 1, field: 'section', message: sectionKey ? articleMessages.folderNotSection(sectionKey, sectionKeys) : articleMessages.notInSection(sectionKeys) });
  }
  const slug = typeof data.slug === 'string' ? data.slug : undefined;
  for (const folder of folders) {
    if (!ASCII_SEGMENT.test(folder)) problems.push({ file, line: 1, field: 'file name', message: articleMessages.folderNotAscii(folder, suggestSlug(folder)) });
  }
  if (!slug && !ASCII_SEGMENT.test(stem)) {
    const title = typeof data.title === 'string' ? data.title : stem;
    problems.push({ file, line: 1, field: 'file name', message: articleMessages.fileNotAscii(stem, suggestSlug(title)) });
  }

  const env: BodyEnv = {};
  const tokens = md.parse(body, env);
  for (const finding of findHtmlProblems(tokens, md)) problems.push({ file, line: bodyLine + finding.line, field: 'body', message: finding.message });
  const paragraphs = paragraphTexts(tokens);
  const hasContent = tokens.some((token) => token.type !== 'inline' && token.type !== 'paragraph_open' && token.type !== 'paragraph_close') || paragraphs.length > 0;
  if (!body.trim() || !hasContent) problems.push({ file, line: bodyLine, field: 'body', message: articleMessages.noText });

  const bodyUses: ImageUse[] = (env.images ?? []).map((ref) => ({ file, articlePath, line: bodyLine + ref.line, field: 'body', src: ref.src, alt: ref.alt }));
  // The cover's file is checked even when another field is wrong (the schema reports its alt text).
  const coverSrc = coverSourceOf(data.cover);
  const coverUse: ImageUse | undefined = coverSrc ? { file, articlePath, line: lineOf(['cover', 'src']), field: 'cover.src', src: coverSrc } : undefined;
  const imageUses = coverUse ? [coverUse, ...bodyUses] : bodyUses;

  // Images are checked even when the article has other problems, so the editor sees everything at once.
  if (problems.length > 0 || !parsed.success || !sectionKey) return { problems, imageUses };
  const url = `/${[...folders, slug ?? stem].map((part) => part.toLowerCase()).join('/')}/`;
  const aliases = (parsed.data.aliases ?? []).map((alias, index) => ({ path: alias, line: lineOf(['aliases', index]) }));
  return {
    problems,
    imageUses,
    parsed: {
      article: { file, id, frontMatter: parsed.data, sectionKey, url, urlLine: slug ? lineOf(['slug']) : 1, text: joinBlocks(paragraphs), aliases },
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

/** A checked article with its images, its body rendered (each image as a <picture> of its processed files). */
function finishArticle(parsed: ParsedArticle & { html?: string }, imageOf: (use: ImageUse) => SourceImage | undefined, renderBody: BodyRenderer | undefined): LoadedArticle {
  const pictures = new Map(
    parsed.bodyUses.flatMap((use) => {
      const image = imageOf(use);
      return image ? [[use.src, pictureOf(image, 'body')] as const] : [];
    }),
  );
  const images = parsed.bodyUses.map(imageOf).filter((image): image is SourceImage => image !== undefined);
  const coverImage = parsed.coverUse ? imageOf(parsed.coverUse) : undefined;
  const { cover } = parsed.article.frontMatter;
  return {
    ...parsed.article,
    html: parsed.html ?? (renderBody && parsed.tokens ? renderBody({ tokens: parsed.tokens, env: { ...parsed.env, pictures } }) : ''),
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

async function listMarkdownFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return (
    entries
      // A README.md is the newsroom's notes about a folder, not an article.
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && entry.name.toLowerCase() !== 'readme.md')
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => !toPosix(path.relative(root, file)).split('/').some((part) => part.startsWith('.') || part.startsWith('_')))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  );
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
