// One feed in three formats. Pure functions: a Feed in, the file's text out.
//   RSS 2.0    https://www.rssboard.org/rss-specification (dates RFC 822, content:encoded, dc:creator)
//   Atom       RFC 4287 (id, updated, author on every entry)
//   JSON Feed  https://jsonfeed.org/version/1.1
import { rfc822 } from '../content/time.ts';
import type { Moment } from '../content/time.ts';
import type { FeedFormat } from '../render/feed-links.ts';
import { cdata, element, escapeXml, XML_DECLARATION } from './xml.ts';

export interface FeedItem {
  /** The article's absolute URL: also its guid / id, stable as long as the URL is. */
  url: string;
  title: string;
  summary: string;
  /** The body with every href/src made absolute. */
  html: string;
  published: Moment;
  updated: Moment;
  authors: { name: string; url: string }[];
  section: string;
  tags: string[];
  image?: string;
  /** The image file's size in bytes, when it is one of the site's own files (RSS enclosure length). */
  imageBytes?: number;
}

export interface Feed {
  title: string;
  description: string;
  language: string;
  /** Absolute URL of the page the feed follows (home or section). */
  homeUrl: string;
  /** Absolute URLs of this feed in each format. */
  urls: Record<FeedFormat, string>;
  /** The newest item's update time; the feed's own "updated". */
  updated: Moment;
  items: FeedItem[];
}


export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function renderRss(feed: Feed): string {
  const lines = [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description),
    element('language', feed.language.toLowerCase()),
    element('lastBuildDate', rfc822(feed.updated)),
    `<atom:link href="${escapeXml(feed.urls.rss)}" rel="self" type="application/rss+xml"/>`,
    ...feed.items.map(rssItem),
    '</channel>',
    '</rss>',
  ];
  return `${lines.join('\n')}\n`;
}

function rssItem(item: FeedItem): string {
  return [
    '<item>',
    element('title', item.title),
    element('link', item.url),
    element('guid', item.url, ' isPermaLink="true"'),
    element('pubDate', rfc822(item.published)),
    ...item.authors.map((author) => element('dc:creator', author.name)),
    ...categoriesOf(item).map((category) => element('category', category)),
    element('description', item.summary),
    `<content:encoded>${cdata(item.html)}</content:encoded>`,
    item.image ? `<enclosure url="${escapeXml(item.image)}" length="${item.imageBytes ?? 0}" type="${imageType(item.image)}"/>` : '',
    '</item>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderAtom(feed: Feed): string {
  const lines = [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    element('title', feed.title),
    element('subtitle', feed.description),
    element('id', feed.homeUrl),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.urls.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>`,
    element('updated', feed.updated.iso),
    ...feed.items.map(atomEntry),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}

function atomEntry(item: FeedItem): string {
  return [
    '<entry>',
    element('title', item.title, ' type="text"'),
    `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
    element('id', item.url),
    element('published', item.published.iso),
    element('updated', item.updated.iso),
    ...item.authors.map((author) => `<author>${element('name', author.name)}${element('uri', author.url)}</author>`),
    ...categoriesOf(item).map((category) => `<category term="${escapeXml(category)}"/>`),
    element('summary', item.summary, ' type="text"'),
    element('content', item.html, ' type="html"'),
    '</entry>',
  ].join('\n');
}

export function renderJsonFeed(feed: Feed): string {
  const document = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: feed.description,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.html,
      summary: item.summary,
      ...(item.image ? { image: item.image } : {}),
      date_published: item.published.iso,
      date_modified: item.updated.iso,
      authors: item.authors,
      tags: categoriesOf(item),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The section, then the tags, each once. */
function categoriesOf(item: FeedItem): string[] {
  return [...new Set([item.section, ...item.tags])];
}

function imageType(url: string): string {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const types: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };
  return (extension && types[extension]) || 'image/jpeg';
}
