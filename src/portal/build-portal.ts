// Shapes loaded articles into the Portal: ordering, sections, tags, authors, list pages and rails.
// Data only: no reader-facing words (the render layer words the Portal, src/render/strings.ts).
import { excerpt } from '../content/excerpt.ts';
import type { LoadedArticle, LoadedContent } from '../content/load.ts';
import { assignSlugs } from '../content/slugs.ts';
import { distinctJobs, pictureOf, type ImageJob } from '../images/spec.ts';
import { buildLists, POPULAR_TAGS } from './lists.ts';
import { buildLiveRails } from './live.ts';
import { scheduleAt } from './schedule.ts';
import { compareNewest, indexForRails, pickRecommended, pickYouMayLike, type RailArticle } from './rails.ts';
import type { Site } from '../content/site.ts';
import type { Article, Cover, Footer, ListPage, Portal, SectionRef } from './types.ts';

export const SUMMARY_LENGTH = 120;
export const TEASER_LENGTH = 60;

export interface PortalOptions {
  /** Keep drafts (preview); they are never in a published build. */
  includeDrafts?: boolean;
  /**
   * The build's "now" in milliseconds: articles whose timestamp is later, or whose `expires` has
   * passed, are left out (the preview keeps them, marked). Without it every article is live.
   */
  now?: number;
}

type RailEntry = RailArticle & { article: Article };

export function buildPortal({ site, articles: loaded }: LoadedContent, options: PortalOptions = {}): Portal {
  const published = loaded.filter((article) => options.includeDrafts || (!article.frontMatter.draft && scheduleAt(article.frontMatter, options.now) === 'live'));
  const sections: SectionRef[] = site.sections.map((section) => ({ key: section.key, name: section.name, url: `/${section.key}/` }));
  const sectionByKey = new Map(sections.map((section) => [section.key, section]));
  const tagSlugs = assignSlugs(published.flatMap((article) => article.frontMatter.tags));
  const authorSlugs = assignSlugs(published.flatMap((article) => authorNames(article)));

  const entries: RailEntry[] = published.map((source) => {
    const article = toArticle(source, sectionByKey, tagSlugs, authorSlugs, options.now);
    return { url: article.url, sectionKey: article.section.key, epoch: article.published.epoch, featured: article.featured, tagNames: source.frontMatter.tags, article };
  });
  entries.sort(compareNewest);
  const railIndex = indexForRails(entries);
  for (const entry of entries) {
    const youMayLike = pickYouMayLike(entry, railIndex, site.railSize);
    entry.article.youMayLike = youMayLike.map((pick) => pick.article);
    entry.article.recommended = pickRecommended(entry, railIndex, site.railSize, new Set(youMayLike)).map((pick) => pick.article);
  }
  const articles = entries.map((entry) => entry.article);

  const bySection = new Map([...railIndex.bySection].map(([key, group]) => [key, group.map((entry) => entry.article)]));
  const { listPages, tags, authors } = buildLists(site, articles, sections, bySection);
  const popularTags = tags.slice(0, POPULAR_TAGS);
  const live = buildLiveRails(railIndex, sections, site.railSize, popularTags);
  return { site, footer: footerOf(site), latest: articles.slice(0, 10), articles, listPages, sections, tags, popularTags, live, popularTagSlots: POPULAR_TAGS, authors, images: imageJobs(published) };
}

function toArticle(source: LoadedArticle, sections: Map<string, SectionRef>, tagSlugs: Map<string, string>, authorSlugs: Map<string, string>, now: number | undefined): Article {
  const { frontMatter } = source;
  const { title, source: origin, timestamp, tags, author, editor, summary, featured, draft, updated, expires, correction, aliases: _aliases, section: _section, slug: _slug, cover: _cover, ...extra } = frontMatter;
  const editors = editor === undefined ? [] : Array.isArray(editor) ? editor : [editor];
  const text = source.text;
  const section = sections.get(source.sectionKey) as SectionRef;
  return {
    id: source.id,
    file: source.file,
    url: source.url,
    title,
    source: origin,
    authors: authorNames(source).map((name) => ({ name, url: `/author/${authorSlugs.get(name)}/` })),
    section,
    tags: [...new Set(tags)].map((name) => ({ name, url: `/tag/${tagSlugs.get(name)}/` })),
    published: timestamp,
    ...(updated ? { updated } : {}),
    summary: summary ?? excerpt(text, SUMMARY_LENGTH),
    ...(summary ? { standfirst: summary } : {}),
    bylineRole: editors.length > 0 ? 'editor' : 'author',
    bylineNames: editors.length > 0 ? editors : authorNames(source),
    teaser: excerpt(summary ?? text, TEASER_LENGTH),
    html: source.html,
    ...(source.cover ? { cover: coverOf(source.cover) } : {}),
    featured,
    draft,
    schedule: scheduleAt(frontMatter, now),
    ...(expires ? { expires } : {}),
    ...(correction ? { correction } : {}),
    aliases: source.aliases,
    extra,
    recommended: [],
    youMayLike: [],
  };
}

function coverOf({ image, alt, caption }: NonNullable<LoadedArticle['cover']>): Cover {
  const lead = pictureOf(image, 'body');
  return { src: lead.largest, width: lead.width, height: lead.height, alt, ...(caption ? { caption } : {}), lead, thumb: pictureOf(image, 'thumb') };
}

function imageJobs(articles: readonly LoadedArticle[]): ImageJob[] {
  return distinctJobs(
    articles.flatMap((article) => [
      ...(article.cover ? [{ image: article.cover.image, variant: 'body' as const }, { image: article.cover.image, variant: 'thumb' as const }] : []),
      ...article.images.map((image) => ({ image, variant: 'body' as const })),
    ]),
  );
}

function authorNames(article: LoadedArticle): string[] {
  const { author } = article.frontMatter;
  return [...new Set(Array.isArray(author) ? author : [author])];
}

function footerOf(site: Site): Footer {
  const { title, text, contact, copyright } = site.footer;
  const contactHref = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)
    ? `mailto:${contact}`
    : /^\+?[\d\s()-]{7,}$/.test(contact)
      ? `tel:${contact.replace(/[\s()-]/g, '')}`
      : undefined;
  return { title, paragraphs: text, contact, ...(contactHref ? { contactHref } : {}), copyright };
}
