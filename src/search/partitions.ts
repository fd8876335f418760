// Splits the archive into search partitions by period, so each is indexed on its own (bounded memory)
// and a new or changed article re-indexes only its period. A year is one partition while it holds at
// most `cap` articles, else halves, quarters, then months: the partition an article falls in moves only
// when its year grows past a step, and then only that year is re-indexed.
import type { Article } from '../portal/types.ts';

export interface Partition {
  /** e.g. 2024, 2024h2, 2024q3, 2024m07; also the folder under /pagefind/ and the `period` filter. */
  key: string;
  /** Newest first, as in the Portal. */
  articles: Article[];
}

/**
 * Articles per partition before a year is split (docs/search.md): small enough that one new story
 * re-indexes a small share of a 10,000-article archive (quarters, about 420 articles each), large enough
 * that a query merges few partitions.
 */
export const DEFAULT_CAP = 500;

type Level = (month: number) => string;
const LEVELS: Level[] = [
  () => '',
  (month) => `h${month <= 6 ? 1 : 2}`,
  (month) => `q${Math.ceil(month / 3)}`,
  (month) => `m${String(month).padStart(2, '0')}`,
];

/** Partitions newest first; articles keep their order. */
export function partition(articles: Article[], cap = DEFAULT_CAP): Partition[] {
  const years = new Map<string, Article[]>();
  for (const article of articles) {
    const year = article.published.display.slice(0, 4);
    const list = years.get(year) ?? [];
    list.push(article);
    years.set(year, list);
  }
  const out: Partition[] = [];
  for (const year of [...years.keys()].sort().reverse()) {
    const inYear = years.get(year) as Article[];
    for (const level of LEVELS) {
      const parts = new Map<string, Article[]>();
      for (const article of inYear) {
        const key = year + level(Number(article.published.display.slice(5, 7)));
        const list = parts.get(key) ?? [];
        list.push(article);
        parts.set(key, list);
      }
      const largest = Math.max(...[...parts.values()].map((list) => list.length));
      if (largest <= cap || level === LEVELS[LEVELS.length - 1]) {
        for (const key of [...parts.keys()].sort().reverse()) out.push({ key, articles: parts.get(key) as Article[] });
        break;
      }
    }
  }
  return out;
}
