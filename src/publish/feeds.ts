// RSS 2.0, Atom and JSON Feed 1.1 for the whole site (/feed.xml, /atom.xml, /feed.json) and for each
// section (/<key>/feed.xml …): the newest articles with full content and absolute URLs.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Moment } from '../content/time.ts';
import type { Article, Portal } from '../portal/types.ts';
import { coverPath } from '../render/structured-data.ts';
import { strings } from '../render/strings.ts';
import { absolutizeHtml, absoluteUrl } from './absolute-urls.ts';
import { renderAtom, renderJsonFeed, renderRss, type Feed, type FeedItem } from './feed-formats.ts';
import { feedPath, type FeedFormat } from '../render/feed-links.ts';
import type { StepContext } from './step-context.ts';

export const FEED_SIZE = 50;

/** Every feed of the site: the whole site first, then each section in navigation order. */
export function feedsOf(portal: Portal): { sectionKey?: string; feed: Feed }[] {
  const { site } = portal;
  const items = new Map<Article, FeedItem>();
  const itemOf = (article: Article): FeedItem => {
    let item = items.get(article);
    if (!item) items.set(article, (item = toFeedItem(article, site.baseUrl)));
    return item;
  };
  const fallback = portal.articles[0]?.updated ?? portal.articles[0]?.published;
  const feedOf = (title: string, description: string, homePath: string, articles: Article[], sectionKey?: string): Feed => {
    const chosen = articles.slice(0, FEED_SIZE).map(itemOf);
    const updated = newest(chosen) ?? fallback ?? { epoch: 0, iso: '1970-01-01T08:00:00+08:00', display: '1970-01-01 08:00:00' };
    const urls = { rss: '', atom: '', json: '' } as Record<FeedFormat, string>;
    for (const format of ['rss', 'atom', 'json'] as const) urls[format] = `${site.baseUrl}${feedPath(format, sectionKey)}`;
    return { title, description, language: site.language, homeUrl: `${site.baseUrl}${homePath}`, urls, updated, items: chosen };
  };
  const feeds: { sectionKey?: string; feed: Feed }[] = [{ feed: feedOf(site.name, site.tagline || site.name, '/', portal.articles) }];
  for (const section of site.sections) {
    const articles = portal.articles.filter((article) => article.section.key === section.key);
    const title = strings.sectionFeedTitle(section.name, site.name);
    const description = section.description || strings.sectionDescription(site.name, section.name);
    feeds.push({ sectionKey: section.key, feed: feedOf(title, description, `/${section.key}/`, articles, section.key) });
  }
  return feeds;
}

function toFeedItem(article: Article, baseUrl: string): FeedItem {
  const url = `${baseUrl}${article.url}`;
  const cover = coverPath(article);
  return {
    url,
    title: article.title,
    summary: article.summary,
    html: absolutizeHtml(article.html, url),
    published: article.published,
    updated: article.updated ?? article.published,
    authors: article.authors.map((author) => ({ name: author.name, url: `${baseUrl}${author.url}` })),
    section: article.section.name,
    tags: article.tags.map((tag) => tag.name),
    ...(cover ? { image: absoluteUrl(cover, url) } : {}),
  };
}

function newest(items: readonly FeedItem[]): Moment | undefined {
  return items.reduce<Moment | undefined>((latest, item) => (!latest || item.updated.epoch > latest.epoch ? item.updated : latest), undefined);
}

/** The build step: writes every feed in every format into the staging folder. */
export async function writeFeeds({ portal, outputDir }: StepContext): Promise<void> {
  const render: Record<FeedFormat, (feed: Feed) => string> = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };
  const feeds = feedsOf(portal);
  await measureImages(feeds.flatMap(({ feed }) => feed.items), portal.site.baseUrl, outputDir);
  for (const { sectionKey, feed } of feeds) {
    for (const format of ['rss', 'atom', 'json'] as const) {
      const file = path.join(outputDir, feedPath(format, sectionKey));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, render[format](feed));
    }
  }
}

/** Fills imageBytes for images the build wrote itself (items are shared between feeds: once each). */
async function measureImages(items: FeedItem[], baseUrl: string, outputDir: string): Promise<void> {
  for (const item of new Set(items)) {
    if (!item.image?.startsWith(`${baseUrl}/`) || item.imageBytes !== undefined) continue;
    const file = path.join(outputDir, decodeURIComponent(new URL(item.image).pathname));
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) item.imageBytes = info.size;
  }
}
