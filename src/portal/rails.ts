// The two rails under every article, computed once per build in O(n·k) (ARCHITECTURE decision 5).
//   推荐阅读 (recommended): editors' picks newest first, then the newest of the same section.
//   猜您喜欢 (you may like): articles sharing tags, a rare tag weighing more than a common one;
//   ties go to the same section, then the newer article, then the URL, so every build agrees.

export interface RailArticle {
  url: string;
  sectionKey: string;
  epoch: number;
  featured: boolean;
  tagNames: readonly string[];
}

export interface RailIndex<T extends RailArticle> {
  /** Featured articles, newest first. */
  featured: T[];
  /** Each section's articles, newest first. */
  bySection: Map<string, T[]>;
  /** Each tag's articles, newest first. */
  byTag: Map<string, T[]>;
  total: number;
}

/** How many of a tag's newest articles are followed; keeps very common tags from going quadratic. */
export const TAG_FOLLOW_LIMIT = 300;

export function compareNewest(a: RailArticle, b: RailArticle): number {
  return b.epoch - a.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** Builds the indexes; `articles` must already be newest first. */
export function indexForRails<T extends RailArticle>(articles: readonly T[]): RailIndex<T> {
  const bySection = new Map<string, T[]>();
  const byTag = new Map<string, T[]>();
  const featured: T[] = [];
  for (const article of articles) {
    if (article.featured) featured.push(article);
    push(bySection, article.sectionKey, article);
    for (const tag of new Set(article.tagNames)) push(byTag, tag, article);
  }
  return { featured, bySection, byTag, total: articles.length };
}

export function pickRecommended<T extends RailArticle>(article: T, index: RailIndex<T>, size: number): T[] {
  const picked = new Set<T>();
  const take = (candidates: readonly T[]): void => {
    for (const candidate of candidates) {
      if (picked.size >= size) return;
      if (candidate !== article) picked.add(candidate);
    }
  };
  take(index.featured);
  take(index.bySection.get(article.sectionKey) ?? []);
  return [...picked];
}

export function pickYouMayLike<T extends RailArticle>(article: T, index: RailIndex<T>, size: number, exclude: ReadonlySet<T> = new Set()): T[] {
  const tags = [...new Set(article.tagNames)]
    .map((name) => ({ name, articles: index.byTag.get(name) ?? [] }))
    .sort((a, b) => a.articles.length - b.articles.length || (a.name < b.name ? -1 : 1));
  const scores = new Map<T, number>();
  for (const tag of tags) {
    const weight = Math.log(1 + index.total / Math.max(1, tag.articles.length));
    const limit = Math.min(tag.articles.length, TAG_FOLLOW_LIMIT);
    for (let position = 0; position < limit; position += 1) {
      const candidate = tag.articles[position] as T;
      if (candidate === article || exclude.has(candidate)) continue;
      scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
    }
  }
  const rank = ([a, scoreA]: [T, number], [b, scoreB]: [T, number]): number =>
    scoreB - scoreA ||
    Number(b.sectionKey === article.sectionKey) - Number(a.sectionKey === article.sectionKey) ||
    compareNewest(a, b);
  const picked = topK(scores, size, rank).map(([candidate]) => candidate);
  if (picked.length < size) {
    const chosen = new Set(picked);
    for (const candidate of index.bySection.get(article.sectionKey) ?? []) {
      if (picked.length >= size) break;
      if (candidate !== article && !exclude.has(candidate) && !chosen.has(candidate)) picked.push(candidate);
    }
  }
  return picked;
}

/** The best `size` entries in `rank` order, keeping only that many as it goes: O(m·size), not a full sort. */
function topK<T>(entries: Iterable<T>, size: number, rank: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (size <= 0) return best;
  for (const entry of entries) {
    if (best.length === size && rank(entry, best[size - 1] as T) >= 0) continue;
    let index = Math.min(best.length, size - 1);
    if (best.length < size) best.push(entry);
    while (index > 0 && rank(entry, best[index - 1] as T) < 0) {
      best[index] = best[index - 1] as T;
      index -= 1;
    }
    best[index] = entry;
  }
  return best;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
