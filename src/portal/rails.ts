// The rails, computed once per build in O(n·k) (ARCHITECTURE decision 5), and designed so that a new
// story changes as few article pages as possible (decision 11):
//   猜您喜欢 is the related-reading rail and stands alone (decision 20): articles sharing tags. A tag
//     weighs more the rarer it is, from its count bucketed by powers of two (not from the archive's
//     size, which changes with every story); each tag is followed only through the articles nearest in
//     time; ties go to the same section, then the article closest in time, then the URL. When tags do
//     not fill it, the nearest in time of the same section follow, then the nearest site-wide. So a new
//     story enters only where it truly ranks, and every build agrees.
//   推荐阅读, static: the article's nearest neighbours in its section, older ones first (a newer story
//     never enters while older ones remain), then site-wide, leaving out what 猜您喜欢 shows: this
//     rail gives way. The site-wide current picks
//     (editors' picks, then the section's newest) are one shared piece, /live/rails.json, which
//     replaces the static rail in the reader's browser and gives way to 猜您喜欢 there too.

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
  /** Every article, newest first. */
  all: readonly T[];
}

/** How many of a tag's articles nearest in time are followed; keeps very common tags from going quadratic. */
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
  return { featured, bySection, byTag, all: articles };
}

/**
 * A tag's weight from how many articles carry it, bucketed by powers of two: 1 → 1024, 2 → 724,
 * 3–4 → 512, 5–8 → 362 … Integers, so sums are exact; they change only when a count crosses a power of two.
 */
export function tagWeight(count: number): number {
  return Math.round(1024 / 2 ** (Math.ceil(Math.log2(Math.max(1, count))) / 2));
}

/**
 * The static 推荐阅读: up to `size` neighbours in the article's section, the older ones first (then,
 * when the section runs out, the nearest site-wide, older first), shown newest first; articles in
 * `giveWayTo` (the page's 猜您喜欢) are skipped, never the other way round.
 */
export function pickRecommended<T extends RailArticle>(article: T, index: RailIndex<T>, size: number, giveWayTo: ReadonlySet<T> = new Set()): T[] {
  const picked: T[] = [];
  const chosen = new Set<T>(giveWayTo);
  for (const pool of [index.bySection.get(article.sectionKey) ?? [], index.all]) {
    for (const candidate of nearest(pool, article, pool.length, true)) {
      if (picked.length >= size) return picked.sort(compareNewest);
      if (!chosen.has(candidate)) {
        chosen.add(candidate);
        picked.push(candidate);
      }
    }
  }
  return picked.sort(compareNewest);
}

/** The site-wide 推荐阅读 candidates of the live piece: editors' picks and each section's newest. */
export function liveCandidates<T extends RailArticle>(index: RailIndex<T>, count: number): { picks: T[]; sections: Map<string, T[]> } {
  const sections = new Map<string, T[]>();
  for (const [key, articles] of index.bySection) sections.set(key, articles.slice(0, count));
  return { picks: index.featured.slice(0, count), sections };
}

/**
 * 猜您喜欢: the `size` articles most related to `article` by shared tags; when tags do not fill the rail,
 * the nearest in time of the same section, then the nearest site-wide. Never the article itself, and
 * never thinned for another rail.
 */
export function pickYouMayLike<T extends RailArticle>(article: T, index: RailIndex<T>, size: number): T[] {
  const scores = new Map<T, number>();
  for (const name of new Set(article.tagNames)) {
    const tagged = index.byTag.get(name) ?? [];
    const weight = tagWeight(tagged.length);
    for (const candidate of nearest(tagged, article, TAG_FOLLOW_LIMIT, false)) scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
  }
  const rank = ([a, scoreA]: [T, number], [b, scoreB]: [T, number]): number =>
    scoreB - scoreA ||
    Number(b.sectionKey === article.sectionKey) - Number(a.sectionKey === article.sectionKey) ||
    Math.abs(a.epoch - article.epoch) - Math.abs(b.epoch - article.epoch) ||
    compareNewest(a, b);
  const picked = topK(scores, size, rank).map(([candidate]) => candidate);
  const chosen = new Set(picked);
  for (const pool of [index.bySection.get(article.sectionKey) ?? [], index.all]) {
    for (const candidate of nearest(pool, article, size + picked.length, false)) {
      if (picked.length >= size) return picked;
      if (!chosen.has(candidate)) {
        chosen.add(candidate);
        picked.push(candidate);
      }
    }
  }
  return picked;
}

/**
 * Up to `count` articles of a newest-first list nearest to `article` in it (never the article itself).
 * `olderFirst`: take every older one before any newer one; otherwise alternate by closeness in time.
 */
function* nearest<T extends RailArticle>(list: readonly T[], article: T, count: number, olderFirst: boolean): Generator<T> {
  const at = positionOf(list, article);
  let older = list[at] === article ? at + 1 : at;
  let newer = at - 1;
  for (let taken = 0; taken < count; taken += 1) {
    const olderOne = list[older];
    const newerOne = newer >= 0 ? list[newer] : undefined;
    if (!olderOne && !newerOne) return;
    const takeOlder = olderOne !== undefined && (olderFirst || !newerOne || olderOne.epoch >= article.epoch - (newerOne.epoch - article.epoch));
    if (takeOlder) {
      older += 1;
      yield olderOne;
    } else {
      newer -= 1;
      yield newerOne as T;
    }
  }
}

/** Where `article` is, or would go, in a newest-first list: a binary search, O(log n). */
function positionOf<T extends RailArticle>(list: readonly T[], article: T): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewest(list[middle] as T, article) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
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
