// Splits an ordered list into numbered pages: page 1 at the base URL, page n at base + page/n/.

import type { Pagination } from './types.ts';

export interface Page<T> {
  items: T[];
  url: string;
  pagination: Pagination;
}

export function pageUrl(base: string, page: number): string {
  return page === 1 ? base : `${base}page/${page}/`;
}

/** Always at least one page, so an empty section still has its page. */
export function paginate<T>(items: readonly T[], size: number, base: string): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const numbers = Array.from({ length: total }, (_, index) => index + 1);
  return numbers.map((page) => ({
    items: items.slice((page - 1) * size, page * size),
    url: pageUrl(base, page),
    pagination: {
      page,
      total,
      ...(page > 1 ? { previous: pageUrl(base, page - 1) } : {}),
      ...(page < total ? { next: pageUrl(base, page + 1) } : {}),
      pages: pageWindow(page, total).map((number, index, shown) => ({
        number,
        url: pageUrl(base, number),
        current: number === page,
        gapBefore: index > 0 && number - (shown[index - 1] ?? number) > 1,
      })),
    },
  }));
}

/** The page numbers shown around the current page: first, last and two either side. */
export function pageWindow(page: number, total: number): number[] {
  const shown = new Set([1, total]);
  for (let number = page - 2; number <= page + 2; number += 1) if (number >= 1 && number <= total) shown.add(number);
  return [...shown].sort((a, b) => a - b);
}
