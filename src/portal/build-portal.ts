// Shapes loaded articles into the Portal: ordering, sections, tags, authors, list pages and rails.
import { ContentError, type ContentProblem } from '../content/errors.ts';
import { excerpt } from '../content/excerpt.ts';
import type { LoadedArticle, LoadedContent } from '../content/load.ts';
import { assignSlugs } from '../content/slugs.ts';
import { distinctJobs, pictureOf, type ImageJob } from '../images/spec.ts';
import { strings } from '../render/strings.ts';
import { paginate } from './pagination.ts';
import { scheduleAt } from './schedule.ts';
import { compareNewest, indexForRails, pickRecommended, pickYouMayLike, type RailArticle } from './rails.ts';
import type { Site } from '../content/site.ts';
import type { Article, Cover, Footer, Link, ListKind, ListPage, Portal, SectionRef, TagSummary } from './types.ts';

export const SUMMARY_LENGTH = 120;
export const TEASER_LENGTH = 60;
export const HOME_LEAD_SIZE = 3;
export const POPULAR_TAGS = 20;

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
    const recommended = pickRecommended(entry, railIndex, site.railSize);
    entry.article.recommended = recommended.map((pick) => pick.article);
    entry.article.youMayLike = pickYouMayLike(entry, railIndex, site.railSize, new Set(recommended)).map((pick) => pick.article);
  }
  const articles = entries.map((entry) => entry.article);

  const listPages: ListPage[] = [];
  const lead = articles.filter((article) => article.featured).slice(0, HOME_LEAD_SIZE);
  const leadSet = new Set(lead);
  const rest = articles.filter((article) => !leadSet.has(article));
  listPages.push(...listOf(site, { kind: 'home', title: site.name, description: site.tagline || site.name, base: '/', items: rest, lead, activeSection: 'home' }));
  for (const section of sections) {
    const items = railIndex.bySection.get(section.key)?.map((entry) => entry.article) ?? [];
    const description = `${site.name}${section.name}频道最新报道`;
    listPages.push(...listOf(site, { kind: 'section', title: section.name, description, base: section.url, items, activeSection: section.key }));
  }
  const tags = summarize(articles, (article) => article.tags);
  const byTag = groupByLink(articles, (article) => article.tags);
  for (const tag of tags) {
    const description = `${site.name}关于“${tag.name}”的报道`;
    const trail = [{ name: strings.allTags, url: '/tag/' }];
    listPages.push(...listOf(site, { kind: 'tag', title: `${strings.tagPrefix}：${tag.name}`, description, base: tag.url, items: byTag.get(tag.url) ?? [], trail }));
  }
  const authors = summarize(articles, (article) => article.authors);
  const byAuthor = groupByLink(articles, (article) => article.authors);
  for (const author of authors) {
    const description = `${author.name}在${site.name}发表的报道`;
    listPages.push(...listOf(site, { kind: 'author', title: `${strings.authorPrefix}：${author.name}`, description, base: author.url, items: byAuthor.get(author.url) ?? [] }));
  }
  assertUniqueUrls(articles, listPages);
  return { site, footer: footerOf(site), latest: articles.slice(0, 10), articles, listPages, sections, tags, popularTags: tags.slice(0, POPULAR_TAGS), authors, images: imageJobs(published) };
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
    bylineLabel: editors.length > 0 ? strings.byline : strings.author,
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
    breadcrumb: [{ name: strings.home, url: '/' }, { name: section.name, url: section.url }, { name: strings.article, url: source.url }],
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

interface ListSpec {
  kind: ListKind;
  title: string;
  description: string;
  base: string;
  items: Article[];
  trail?: Link[];
  lead?: Article[];
  activeSection?: string;
}

function listOf(site: Site, { kind, title, description, base, items, trail = [], lead = [], activeSection }: ListSpec): ListPage[] {
  return paginate(items, site.pageSize, base).map((page) => {
    const number = page.pagination.page;
    const name = kind === 'home' ? [site.name, site.tagline].filter(Boolean).join('_') : `${title}_${site.name}`;
    return {
      kind,
      url: page.url,
      title,
      heading: kind === 'home' ? strings.latest : title,
      documentTitle: strings.pageTitle(name, number),
      description: strings.pageTitle(description, number),
      lead: number === 1 ? lead : [],
      items: page.items,
      count: items.length + lead.length,
      pagination: page.pagination,
      breadcrumb: kind === 'home' ? [] : [{ name: strings.home, url: '/' }, ...trail, { name: title, url: base }],
      ...(activeSection ? { activeSection } : {}),
    };
  });
}

/** Every distinct link (tag or author) with its article count, by count then name. */
function summarize(articles: readonly Article[], linksOf: (article: Article) => Link[]): TagSummary[] {
  const counts = new Map<string, TagSummary>();
  for (const article of articles) {
    for (const link of linksOf(article)) {
      const known = counts.get(link.url);
      if (known) known.count += 1;
      else counts.set(link.url, { ...link, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Articles per link URL, keeping the articles' order. */
function groupByLink(articles: readonly Article[], linksOf: (article: Article) => Link[]): Map<string, Article[]> {
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    for (const link of linksOf(article)) {
      const group = groups.get(link.url);
      if (group) group.push(article);
      else groups.set(link.url, [article]);
    }
  }
  return groups;
}

function assertUniqueUrls(articles: readonly Article[], listPages: readonly ListPage[]): void {
  const lists = new Map(listPages.map((page) => [page.url, page]));
  const problems: ContentProblem[] = [];
  for (const article of articles) {
    const clash = lists.get(article.url);
    if (clash) {
      problems.push({ file: article.file, line: 1, field: 'url', message: `${article.url} is already the address of the ${clash.kind} page "${clash.title}". Rename the file or give it a different "slug:".` });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
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
