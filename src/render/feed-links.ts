// The site's feed addresses and the <link rel="alternate"> of each page: named here, in the render
// layer, because pages announce the feeds that src/publish/feeds.ts writes afterwards.
import type { Portal } from '../portal/types.ts';
import { strings } from './strings.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

const FILE_NAMES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };
const MEDIA_TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };

export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** The site path of a feed: /feed.xml for the site, /<key>/feed.xml for a section. */
export function feedPath(format: FeedFormat, sectionKey?: string): string {
  return `${sectionKey ? `/${sectionKey}` : ''}/${FILE_NAMES[format]}`;
}

/** The feeds a page's <head> announces: the site's, then its section's when it belongs to one. */
export function feedLinks(portal: Pick<Portal, 'site' | 'sections'>, sectionKey?: string): FeedLink[] {
  const { site } = portal;
  const section = portal.sections.find((candidate) => candidate.key === sectionKey);
  const links = (title: string, key?: string): FeedLink[] =>
    (['rss', 'atom', 'json'] as const).map((format) => ({ type: MEDIA_TYPES[format], title: strings.feedLinkTitle(title, format), href: `${site.baseUrl}${feedPath(format, key)}` }));
  return [...links(site.name), ...(section ? links(strings.sectionFeedTitle(section.name, site.name), section.key) : [])];
}

