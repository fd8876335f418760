// What a page's <head> says to the world beyond the reader: Open Graph and Twitter cards, feed links
// and JSON-LD. Decided here, once per page; layouts/partials/meta.njk only prints the result.
import type { Site } from '../content/site.ts';
import type { Article, ListPage, SectionRef } from '../portal/types.ts';
import { feedLinks, type FeedLink } from '../publish/feeds.ts';
import { strings } from './strings.ts';
import { absoluteFor, breadcrumbLd, coverPath, homeLd, newsArticleLd, serializeJsonLd } from './structured-data.ts';

export interface HeadInput {
  site: Site;
  sections: SectionRef[];
  /** The page's site path (the canonical URL without the base). */
  canonical: string;
  /** The document title. */
  title: string;
  description: string;
  /** Present on article pages. */
  article?: Article;
  /** Present on list pages (home, section, tag, author). */
  list?: ListPage;
  /** The section the page belongs to, for its section feeds. */
  section?: string;
}

export interface HeadMeta {
  /** <meta property=… content=…>: og:* and article:*. */
  openGraph: { property: string; content: string }[];
  /** <meta name=… content=…>: twitter:*. */
  twitter: { name: string; content: string }[];
  feeds: FeedLink[];
  /** Serialized JSON-LD documents, each safe inside <script type="application/ld+json">. */
  jsonLd: string[];
}

/** Open Graph locale from a BCP 47 tag: zh-CN → zh_CN. */
export function ogLocale(language: string): string {
  const [lang = 'zh', region] = language.split(/[-_]/);
  return region ? `${lang.toLowerCase()}_${region.toUpperCase()}` : lang.toLowerCase();
}

export function headMeta(input: HeadInput): HeadMeta {
  const { site, article, list } = input;
  const url = absoluteFor(site, input.canonical);
  const title = article ? article.title : input.title;
  const cover = article ? coverPath(article) : undefined;
  const image = cover && article ? absoluteFor(site, cover, article.url) : undefined;
  const openGraph = [
    { property: 'og:type', content: article ? 'article' : 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: input.description },
    { property: 'og:url', content: url },
    { property: 'og:site_name', content: site.name },
    { property: 'og:locale', content: ogLocale(site.language) },
    ...(image ? [{ property: 'og:image', content: image }, ...imageDetails(article)] : []),
  ];
  if (article) {
    openGraph.push(
      { property: 'article:published_time', content: article.published.iso },
      { property: 'article:modified_time', content: (article.updated ?? article.published).iso },
      { property: 'article:section', content: article.section.name },
      ...article.tags.map((tag) => ({ property: 'article:tag', content: tag.name })),
    );
  }
  const twitter = [
    { name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: input.description },
    ...(image ? [{ name: 'twitter:image', content: image }] : []),
    ...(image && article?.cover?.alt ? [{ name: 'twitter:image:alt', content: article.cover.alt }] : []),
  ];
  const jsonLd: unknown[] = [];
  if (article) jsonLd.push(newsArticleLd(article, site), breadcrumbLd(strings.articleTrail(article), site));
  else if (list?.kind === 'home' && list.pagination.page === undefined) jsonLd.push(homeLd(site));
  else if (list && list.kind !== 'home') jsonLd.push(breadcrumbLd(strings.listTrail(list), site));
  return { openGraph, twitter, feeds: feedLinks({ site, sections: input.sections }, input.section), jsonLd: jsonLd.map(serializeJsonLd) };
}

/** og:image:width/height/alt when the images module knows them (the cover it processed). */
function imageDetails(article: Article | undefined): { property: string; content: string }[] {
  const cover = article?.cover;
  if (!cover) return [];
  return [
    ...(cover.width && cover.height ? [{ property: 'og:image:width', content: String(cover.width) }, { property: 'og:image:height', content: String(cover.height) }] : []),
    ...(cover.alt ? [{ property: 'og:image:alt', content: cover.alt }] : []),
  ];
}
