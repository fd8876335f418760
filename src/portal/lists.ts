// The list pages of the Portal: home, sections, tags, authors; each a front page plus a stable archive
// (pagination.ts). Data only: kinds, names, page numbers. The render layer words them (strings.ts).
import type { Site } from '../content/site.ts';
import { paginate } from './pagination.ts';
import type { Article, Link, ListKind, ListPage, SectionRef, TagSummary } from './types.ts';

export const HOME_LEAD_SIZE = 3;
export const POPULAR_TAGS = 20;

export interface Lists {
  listPages: ListPage[];
  tags: TagSummary[];
  authors: TagSummary[];
}

/** `articles` newest first; `bySection` each section's articles, newest first. */
export function buildLists(site: Site, articles: readonly Article[], sections: readonly SectionRef[], bySection: ReadonlyMap<string, readonly Article[]>): Lists {
  const listPages: ListPage[] = [];
  // The home page's lead block: the newest editors' picks, on the front page only. The home archive
  // keeps every article, featured or not, so featuring one changes the front page and nothing else.
  const lead = articles.filter((article) => article.featured).slice(0, HOME_LEAD_SIZE);
  listPages.push(...listOf(site.pageSize, { kind: 'home', name: site.name, base: '/', items: articles, lead, activeSection: 'home' }));
  for (const section of sections) {
    listPages.push(...listOf(site.pageSize, { kind: 'section', name: section.name, base: section.url, items: bySection.get(section.key) ?? [], activeSection: section.key }));
  }
  const tags = summarize(articles, (article) => article.tags);
  const byTag = groupByLink(articles, (article) => article.tags);
  for (const tag of tags) listPages.push(...listOf(site.pageSize, { kind: 'tag', name: tag.name, base: tag.url, items: byTag.get(tag.url) ?? [] }));
  const authors = summarize(articles, (article) => article.authors);
  const byAuthor = groupByLink(articles, (article) => article.authors);
  for (const author of authors) listPages.push(...listOf(site.pageSize, { kind: 'author', name: author.name, base: author.url, items: byAuthor.get(author.url) ?? [] }));
  return { listPages, tags, authors };
}

interface ListSpec {
  kind: ListKind;
  name: string;
  base: string;
  items: readonly Article[];
  lead?: Article[];
  activeSection?: string;
}

function listOf(pageSize: number, { kind, name, base, items, lead = [], activeSection }: ListSpec): ListPage[] {
  return paginate(items, pageSize, base, new Set(lead)).map((page) => {
    const front = page.pagination.page === undefined;
    return {
      kind,
      url: page.url,
      name,
      base,
      lead: front ? lead : [],
      items: page.items,
      ...(front ? { count: items.length } : {}),
      pagination: page.pagination,
      pageTags: summarize(page.items, (article) => article.tags)
        .slice(0, POPULAR_TAGS)
        .map(({ name: tagName, url }) => ({ name: tagName, url })),
      ...(activeSection ? { activeSection } : {}),
    };
  });
}

/** Every distinct link (tag or author) with its article count, by count then name. */
export function summarize(articles: readonly Article[], linksOf: (article: Article) => Link[]): TagSummary[] {
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
