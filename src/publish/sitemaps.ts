// /sitemap.xml (an index over /sitemaps/sitemap-N.xml, at most 50,000 URLs and 10 MB each, the limits
// Baidu and Google share), the Google News sitemap /sitemaps/news.xml (articles of the two days before
// the build's "now", at most 1,000; left out, and out of robots.txt, when there are none, since an empty
// urlset is not a valid sitemap) and /robots.txt. Baidu ignores a <loc> over 256 bytes: an article whose
// address is that long is a content problem. Pure functions build the files; the step writes them.
import { locProblems } from '../portal/sitemap-limits.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, type ContentProblem } from '../content/errors.ts';
import type { Moment } from '../content/time.ts';
import type { Article, Portal } from '../portal/types.ts';
import { SEARCH_PATH } from '../render/structured-data.ts';
import { buildNow } from './now.ts';
import type { StepContext } from './step-context.ts';
import { element, XML_DECLARATION } from './xml.ts';

export const URLS_PER_SITEMAP = 50_000;
/** Baidu: a sitemap file of at most 10 MB (taken as 10,000,000 bytes, to be safe under either reading). */
export const BYTES_PER_SITEMAP = 10_000_000;
/** Baidu: each <loc> at most 256 bytes. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_LIMIT = 1_000;
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapOptions {
  /** The build's "now" in milliseconds (see now.ts). */
  now: number;
  urlsPerSitemap?: number;
  bytesPerSitemap?: number;
}

export interface OutputFile {
  /** Site path, e.g. /sitemaps/sitemap-1.xml. */
  path: string;
  text: string;
}

interface Entry {
  loc: string;
  lastmod?: Moment;
}

const lastChange = (article: Article): Moment => article.updated ?? article.published;

/** Every published page with its last change: lists (home, sections, tags, authors), the tag index, articles. */
export function sitemapEntries(portal: Portal): Entry[] {
  const { baseUrl } = portal.site;
  const newestOf = (articles: readonly Article[]): Moment | undefined =>
    articles.reduce<Moment | undefined>((latest, article) => (!latest || lastChange(article).epoch > latest.epoch ? lastChange(article) : latest), undefined);
  const lists = portal.listPages.map((page) => ({ loc: `${baseUrl}${page.url}`, lastmod: newestOf([...page.lead, ...page.items]) }));
  const tagIndex = { loc: `${baseUrl}/tag/`, lastmod: newestOf(portal.articles) };
  const articles = portal.articles.map((article) => ({ loc: `${baseUrl}${article.url}`, lastmod: lastChange(article) }));
  return [...lists, tagIndex, ...articles].map(({ loc, lastmod }) => (lastmod ? { loc, lastmod } : { loc }));
}

/** The articles for the news sitemap: published in (now − 2 days, now], newest first, at most 1,000. */
export function newsArticles(portal: Portal, now: number): Article[] {
  return portal.articles.filter((article) => article.published.epoch <= now && article.published.epoch > now - NEWS_WINDOW_MS).slice(0, NEWS_LIMIT);
}

export function sitemapFiles(portal: Portal, { now, urlsPerSitemap = URLS_PER_SITEMAP, bytesPerSitemap = BYTES_PER_SITEMAP }: SitemapOptions): OutputFile[] {
  const { site } = portal;
  const chunks = chunkBySize(
    sitemapEntries(portal).map((entry) => ({ entry, xml: `<url>${element('loc', entry.loc)}${entry.lastmod ? element('lastmod', entry.lastmod.iso) : ''}</url>` })),
    urlsPerSitemap,
    bytesPerSitemap - Buffer.byteLength(xmlDocument(`<urlset xmlns="${SITEMAP_NS}">`, [], '</urlset>')),
  );
  const files: OutputFile[] = chunks.map((chunk, index) => ({
    path: `/sitemaps/sitemap-${index + 1}.xml`,
    text: xmlDocument(`<urlset xmlns="${SITEMAP_NS}">`, chunk.map((item) => item.xml), '</urlset>'),
  }));
  const index = files.map((file, position) => {
    const newest = (chunks[position] ?? []).reduce<Moment | undefined>((latest, { entry }) => (entry.lastmod && (!latest || entry.lastmod.epoch > latest.epoch) ? entry.lastmod : latest), undefined);
    return `<sitemap>${element('loc', `${site.baseUrl}${file.path}`)}${newest ? element('lastmod', newest.iso) : ''}</sitemap>`;
  });
  files.unshift({ path: '/sitemap.xml', text: xmlDocument(`<sitemapindex xmlns="${SITEMAP_NS}">`, index, '</sitemapindex>') });
  const news = newsArticles(portal, now).length > 0;
  if (news) files.push({ path: NEWS_SITEMAP, text: newsSitemap(portal, now) });
  files.push({ path: '/robots.txt', text: robotsTxt(site.baseUrl, { news }) });
  return files;
}

export const NEWS_SITEMAP = '/sitemaps/news.xml';

/** Consecutive runs of items, each within the count and byte limits (one item per run at least, so never an empty file). */
function chunkBySize<T extends { xml: string }>(items: readonly T[], count: number, bytes: number): T[][] {
  const chunks: T[][] = [[]];
  let size = 0;
  for (const item of items) {
    const itemBytes = Buffer.byteLength(item.xml) + 1;
    const current = chunks[chunks.length - 1] as T[];
    if (current.length > 0 && (current.length >= count || size + itemBytes > bytes)) {
      chunks.push([item]);
      size = itemBytes;
    } else {
      current.push(item);
      size += itemBytes;
    }
  }
  return chunks;
}

/** The bytes of an address as a sitemap writes it: percent-encoded UTF-8 (RFC 3986). */
function newsSitemap(portal: Portal, now: number): string {
  const { site } = portal;
  const urls = newsArticles(portal, now).map((article) =>
    [
      '<url>',
      element('loc', `${site.baseUrl}${article.url}`),
      '<news:news><news:publication>',
      element('news:name', site.name),
      element('news:language', newsLanguage(site.language)),
      '</news:publication>',
      element('news:publication_date', article.published.iso),
      element('news:title', article.title),
      '</news:news>',
      '</url>',
    ].join(''),
  );
  return xmlDocument(`<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`, urls, '</urlset>');
}

/** Google News wants ISO 639 codes, with zh-cn and zh-tw for Chinese. */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase().replace('_', '-');
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans')) return 'zh-cn';
  if (lower.startsWith('zh-tw') || lower.startsWith('zh-hant') || lower.startsWith('zh-hk')) return 'zh-tw';
  return lower.split('-')[0] ?? lower;
}

/** robots.txt: the news sitemap is named only when it exists. */
export function robotsTxt(baseUrl: string, { news = true }: { news?: boolean } = {}): string {
  return ['User-agent: *', 'Allow: /', `Disallow: ${SEARCH_PATH}`, '', `Sitemap: ${baseUrl}/sitemap.xml`, ...(news ? [`Sitemap: ${baseUrl}${NEWS_SITEMAP}`] : []), ''].join('\n');
}

function xmlDocument(open: string, children: string[], close: string): string {
  return `${[XML_DECLARATION, open, ...children, close].join('\n')}\n`;
}

/** The build step. */
export async function writeSitemaps({ portal, outputDir }: StepContext): Promise<void> {
  // Checked with all content (portal/validate.ts); repeated here so no sitemap is ever written over the limit.
  const problems = locProblems(portal.site.baseUrl, portal.articles);
  if (problems.length > 0) throw new ContentError(problems);
  for (const file of sitemapFiles(portal, { now: buildNow() })) {
    const target = path.join(outputDir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
}

