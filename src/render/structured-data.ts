// JSON-LD for search engines (schema.org): NewsArticle and BreadcrumbList on articles, WebSite (with a
// SearchAction) and Organization on the homepage. Pure functions: Portal data in, plain objects out;
// serializeJsonLd makes them safe to place inside <script type="application/ld+json">.
import type { Site } from '../content/site.ts';
import type { Article, Link } from '../portal/types.ts';
import { coverCropPaths, shareImagePath } from './share-card.ts';

export const LOGO = { path: '/logo.png', width: 512, height: 512 } as const;
export const SEARCH_PATH = '/search/';

type JsonLd = Record<string, unknown>;

/**
 * The article's cover image (a site path), when it has one: the processed front-matter `cover`. Other
 * front-matter fields (an undocumented `image:`, anything in article.extra) never reach markup: they
 * are unchecked data, and a `javascript:` or `/%2F..` address there must not become an og:image.
 */
export function coverPath(article: Article): string | undefined {
  const src = article.cover?.src;
  return typeof src === 'string' && src.trim() ? src.trim() : undefined;
}

/** An absolute URL for a site path (or an already absolute URL). */
export function absoluteFor(site: Pick<Site, 'baseUrl'>, pathOrUrl: string, from = '/'): string {
  return new URL(pathOrUrl, `${site.baseUrl}${from}`).href;
}

export function organizationLd(site: Site): JsonLd {
  return {
    '@type': 'Organization',
    '@id': `${site.baseUrl}/#organization`,
    name: site.name,
    url: `${site.baseUrl}/`,
    logo: { '@type': 'ImageObject', url: `${site.baseUrl}${LOGO.path}`, width: LOGO.width, height: LOGO.height },
  };
}

export function websiteLd(site: Site): JsonLd {
  return {
    '@type': 'WebSite',
    '@id': `${site.baseUrl}/#website`,
    name: site.name,
    ...(site.tagline ? { description: site.tagline } : {}),
    url: `${site.baseUrl}/`,
    inLanguage: site.language,
    publisher: { '@id': `${site.baseUrl}/#organization` },
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${site.baseUrl}${SEARCH_PATH}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

export function newsArticleLd(article: Article, site: Site): JsonLd {
  const url = `${site.baseUrl}${article.url}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.title,
    description: article.summary,
    image: articleImages(article, site),
    datePublished: article.published.iso,
    dateModified: (article.updated ?? article.published).iso,
    author: article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: `${site.baseUrl}${author.url}` })),
    ...(article.bylineRole === 'editor' ? { editor: article.bylineNames.map((name) => ({ '@type': 'Person', name })) } : {}),
    publisher: organizationLd(site),
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    inLanguage: site.language,
  };
}

/**
 * NewsArticle images: a processed cover in the 16:9, 4:3 and 1:1 crops Google asks for (made by
 * src/publish/share-image.ts), a cover given as a path as it is, else the site's share image.
 */
export function articleImages(article: Article, site: Site): string[] {
  if (article.cover?.src) return coverCropPaths(article.cover).map((crop) => absoluteFor(site, crop));
  const cover = coverPath(article);
  return [absoluteFor(site, cover ?? shareImagePath(site), article.url)];
}

/** BreadcrumbList for a visible trail of links (the same list the breadcrumb partial shows). */
export function breadcrumbLd(trail: readonly Link[], site: Site): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: `${site.baseUrl}${crumb.url}`,
    })),
  };
}

/** WebSite and Organization together, for the homepage. */
export function homeLd(site: Site): JsonLd {
  return { '@context': 'https://schema.org', '@graph': [websiteLd(site), organizationLd(site)] };
}

/**
 * JSON that cannot end the <script> element it sits in nor start a comment or CDATA there, whatever
 * the strings contain: <, >, & and the JavaScript line separators become \u escapes (still the same JSON).
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
