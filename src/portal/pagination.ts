// Splits a newest-first list into a front page and a stable archive (ARCHITECTURE decision 11).
//   The front page (the list's base URL) shows the newest `size` items and links into the archive.
//   Archive pages are numbered from the OLDEST: page K at base + page/K/ holds items (K-1)·size …
//   K·size-1 of the oldest-first order, shown newest first. A new item therefore changes only the
//   newest archive page (or, when that one is full, adds a link to it and makes the next one).
//   An archive page shows no total and links only to the front page and its older and newer neighbour.
import type { PageLink, Pagination } from './types.ts';

export interface Page<T> {
  items: T[];
  url: string;
  pagination: Pagination;
}

/** How many archive pages the front page links to by number, besides the oldest. */
export const FRONT_PAGE_LINKS = 5;

export function archiveUrl(base: string, page: number): string {
  return `${base}page/${page}/`;
}

/** The archive page (1 = oldest) holding the item at `newestFirstIndex` of a list of `total`. */
export function archivePageOf(newestFirstIndex: number, total: number, size: number): number {
  return Math.floor((total - 1 - newestFirstIndex) / size) + 1;
}

/**
 * The front page first, then archive pages 1 … n. A list that fits on its front page has no archive.
 * `skipOnFront` (the home page's lead block) is left out of the front page's items only; the archive
 * keeps every item, so featuring an article never moves an archive page.
 */
export function paginate<T>(items: readonly T[], size: number, base: string, skipOnFront: ReadonlySet<T> = new Set()): Page<T>[] {
  const total = items.length;
  const archived = total > size ? Math.ceil(total / size) : 0;
  const front: T[] = [];
  let next = 0;
  for (; next < total && front.length < size; next += 1) {
    const item = items[next] as T;
    if (!skipOnFront.has(item)) front.push(item);
  }
  const older = archived > 0 && next < total ? archiveUrl(base, archivePageOf(next, total, size)) : undefined;
  const pages: Page<T>[] = [{ items: front, url: base, pagination: { front: base, ...(older ? { older } : {}), pages: frontLinks(archived, base) } }];
  for (let page = 1; page <= archived; page += 1) {
    const start = (page - 1) * size;
    const end = Math.min(page * size, total);
    pages.push({
      items: items.slice(total - end, total - start),
      url: archiveUrl(base, page),
      pagination: {
        page,
        front: base,
        ...(page > 1 ? { older: archiveUrl(base, page - 1) } : {}),
        ...(page < archived ? { newer: archiveUrl(base, page + 1) } : {}),
        pages: [],
      },
    });
  }
  return pages;
}

/** The front page's number links: the newest archive pages, then the oldest one, newest first. */
export function frontLinks(archived: number, base: string): PageLink[] {
  const numbers: number[] = [];
  for (let page = archived; page >= 1 && numbers.length < FRONT_PAGE_LINKS; page -= 1) numbers.push(page);
  if (archived > 0 && !numbers.includes(1)) numbers.push(1);
  return numbers.map((number, index) => ({ number, url: archiveUrl(base, number), gapBefore: index > 0 && (numbers[index - 1] ?? number) - number > 1 }));
}
