// The CDN's daily purge quota, tracked between publishes. A publish asks for URL purges; when the day's
// URLs would run out it purges the few folders the changes are in instead, and when the folder quota is
// gone too it purges nothing and says so (pages are cached for 5 minutes only, see file-kinds.ts).
// Documented limits (see docs/deploy.md for the sources):
//   Aliyun CDN RefreshObjectCaches: 1,000 URLs or 100 folders per request; 10,000 URLs and 100 folders a day.
//   Tencent CDN PurgeUrlsCache: 1,000 URLs per request, 10,000 a day; PurgePathCache: 500 folders per request, 100 a day.
import { DateTime } from 'luxon';

export interface PurgeLimits {
  urlsPerRequest: number;
  urlsPerDay: number;
  foldersPerRequest: number;
  foldersPerDay: number;
}

export const ALIYUN_LIMITS: PurgeLimits = { urlsPerRequest: 1_000, urlsPerDay: 10_000, foldersPerRequest: 100, foldersPerDay: 100 };
export const TENCENT_LIMITS: PurgeLimits = { urlsPerRequest: 1_000, urlsPerDay: 10_000, foldersPerRequest: 500, foldersPerDay: 100 };

/** What was purged on one day (the quotas reset at midnight, China Standard Time). */
export interface PurgeBudget {
  version: 1;
  day: string;
  urls: number;
  folders: number;
}

export type PurgeDecision =
  | { kind: 'none' }
  | { kind: 'urls'; batches: string[][] }
  | { kind: 'folders'; batches: string[][]; reason: string }
  | { kind: 'over-budget'; reason: string };

export function quotaDay(now: number): string {
  return DateTime.fromMillis(now, { zone: 'Asia/Shanghai' }).toISODate() ?? '';
}

/** The budget as of `now`: yesterday's usage does not count today. */
export function currentBudget(stored: PurgeBudget | undefined, now: number): PurgeBudget {
  const day = quotaDay(now);
  return stored && stored.day === day ? stored : { version: 1, day, urls: 0, folders: 0 };
}

/** A budget file's JSON, or a fresh budget when the file is missing or unreadable. */
export function parseBudget(text: string | undefined): PurgeBudget | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PurgeBudget>;
    return value.version === 1 && typeof value.day === 'string' && Number.isInteger(value.urls) && Number.isInteger(value.folders) ? (value as PurgeBudget) : undefined;
  } catch {
    return undefined;
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** The folders that hold the URLs: the site root when a top-level file changed (it covers everything), else each first-level folder. */
export function foldersOf(baseUrl: string, urls: readonly string[]): string[] {
  const base = baseUrl.replace(/\/+$/, '');
  const firsts = new Set<string>();
  for (const url of urls) {
    const rest = url.slice(base.length + 1);
    const slash = rest.indexOf('/');
    if (slash < 0) return [`${base}/`];
    firsts.add(`${base}/${rest.slice(0, slash + 1)}`);
  }
  return [...firsts].sort();
}

/** Decide how to purge `urls` within the limits and what the budget will be after. */
export function decidePurge(baseUrl: string, urls: readonly string[], limits: PurgeLimits, budget: PurgeBudget): { decision: PurgeDecision; budget: PurgeBudget } {
  if (urls.length === 0) return { decision: { kind: 'none' }, budget };
  if (budget.urls + urls.length <= limits.urlsPerDay) {
    return { decision: { kind: 'urls', batches: chunk(urls, limits.urlsPerRequest) }, budget: { ...budget, urls: budget.urls + urls.length } };
  }
  const folders = foldersOf(baseUrl, urls);
  const left = limits.urlsPerDay - budget.urls;
  if (budget.folders + folders.length <= limits.foldersPerDay) {
    return {
      decision: { kind: 'folders', batches: chunk(folders, limits.foldersPerRequest), reason: `${urls.length} URLs to purge but ${left} of today's ${limits.urlsPerDay} URL purges are left: purging ${folders.length} folder(s) instead.` },
      budget: { ...budget, folders: budget.folders + folders.length },
    };
  }
  return {
    decision: {
      kind: 'over-budget',
      reason: `${urls.length} URLs to purge but ${left} URL purges and ${limits.foldersPerDay - budget.folders} folder purges are left today: nothing purged. Pages refresh when their 5-minute cache runs out; ask the CDN for a larger quota if this happens often.`,
    },
    budget,
  };
}
