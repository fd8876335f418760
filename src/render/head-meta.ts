// What a page's <head> says to the world beyond the reader: Open Graph and Twitter cards, the itemprop
// name/description/image that WeChat and QQ read, feed links and JSON-LD. Every page carries an image:
// the article's cover, else the site's share image (src/publish/share-image.ts). Decided here, once per
// page; layouts/partials/meta.njk only prints the result.
import type { Site } from '../content/site.ts';
import type { Article, ListPage, SectionRef } from '../portal/types.ts';
import { feedLinks, type FeedLink } from './feed-links.ts';
import { strings } from './strings.ts';
import { SHARE_IMAGE, shareImagePath } from './share-card.ts';
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
  /** <meta itemprop=… content=…>: name, description, image (WeChat, QQ and Weibo read these). */
  itemprops: { name: string; content: string }[];
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
  const image = pageImage(site, article);
  const openGraph = [
    { property: 'og:type', content: article ? 'article' : 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: input.description },
    { property: 'og:url', content: url },
    { property: 'og:site_name', content: site.name },
    { property: 'og:locale', content: ogLocale(site.language) },
    { property: 'og:image', content: image.url },
    ...(image.width && image.height ? [{ property: 'og:image:width', content: String(image.width) }, { property: 'og:image:height', content: String(image.height) }] : []),
    ...(image.alt ? [{ property: 'og:image:alt', content: image.alt }] : []),
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
    { name: 'twitter:card', content: 'summary_large_image' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: input.description },
    { name: 'twitter:image', content: image.url },
    ...(image.alt ? [{ name: 'twitter:image:alt', content: image.alt }] : []),
  ];
  const itemprops = [
    { name: 'name', content: title },
    { name: 'description', content: input.description },
    { name: 'image', content: image.url },
  ];
  const jsonLd: unknown[] = [];
  if (article) jsonLd.push(newsArticleLd(article, site), breadcrumbLd(strings.articleTrail(article), site));
  else if (list?.kind === 'home' && list.pagination.page === undefined) jsonLd.push(homeLd(site));
  else if (list && list.kind !== 'home') jsonLd.push(breadcrumbLd(strings.listTrail(list), site));
  return { openGraph, twitter, itemprops, feeds: feedLinks({ site, sections: input.sections }, input.section), jsonLd: jsonLd.map(serializeJsonLd) };
}

interface PageImage {
  url: string;
  width?: number;
  height?: number;
  alt?: string;
}

/** The card image: the cover the images module processed (with its size), a cover path, else the site's share image. */
export function pageImage(site: Site, article: Article | undefined): PageImage {
  const cover = article ? coverPath(article) : undefined;
  if (article && cover) {
    const processed = article.cover;
    return {
      url: absoluteFor(site, cover, article.url),
      ...(processed?.width && processed.height ? { width: processed.width, height: processed.height } : {}),
      ...(processed?.alt ? { alt: processed.alt } : {}),
    };
  }
  return { url: absoluteFor(site, shareImagePath(site)), width: SHARE_IMAGE.width, height: SHARE_IMAGE.height, alt: site.name };
}
