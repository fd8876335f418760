// What one edit costs to publish, from the deploy manifests before and after the rebuild (the same diff
// `npm run publish -- --diff OLD` prints): files changed, bytes to upload, and URLs a CDN must purge.
import { readFile } from 'node:fs/promises';
import { isHashed, publicUrl } from '../../src/deploy/file-kinds.ts';
import { diffManifests, type Manifest } from '../../src/publish/manifest.ts';

import { SEARCH_BUNDLE, SEARCH_META } from '../../src/publish/search-index.ts';
const FEEDS = /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/;

export interface ChangeSummary {
  added: number;
  changed: number;
  removed: number;
  /** Added + changed + removed files outside the search index (/search-index/). */
  outsideSearch: number;
  /** Files of the search index that changed. */
  search: number;
  /** Bytes of the added and changed files: what an upload sends. */
  uploadBytes: number;
  /** Changed or removed HTML pages and feeds (what the issue counts), and every purgeable URL (not content-hashed). */
  purgePagesAndFeeds: number;
  purgeAll: number;
  /** Up to a few changed/added paths outside the search index, for the reader to see what moved. */
  sample: string[];
}

export async function readManifestFile(file: string): Promise<Manifest> {
  return JSON.parse(await readFile(file, 'utf8')) as Manifest;
}

export function summarizeChanges(previous: Manifest, next: Manifest, baseUrl = 'https://news.hongzhou.example'): ChangeSummary {
  const diff = diffManifests(previous, next);
  const sizes = new Map(next.files.map((file) => [file.path, file.size]));
  const inSearch = (file: string): boolean => file.startsWith(`${SEARCH_BUNDLE}/`) || file === SEARCH_META;
  const touched = [...diff.added, ...diff.changed, ...diff.removed];
  const stale = [...diff.changed, ...diff.removed].filter((file) => !isHashed(file) && file !== '_headers' && file !== '_redirects');
  const urls = (files: string[]): number => new Set(files.map((file) => publicUrl(baseUrl, file))).size;
  return {
    added: diff.added.length,
    changed: diff.changed.length,
    removed: diff.removed.length,
    outsideSearch: touched.filter((file) => !inSearch(file)).length,
    search: touched.filter(inSearch).length,
    uploadBytes: [...diff.added, ...diff.changed].reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0),
    purgePagesAndFeeds: urls(stale.filter((file) => file.endsWith('.html') || FEEDS.test(file))),
    purgeAll: urls(stale),
    sample: [...diff.added.map((file) => `+${file}`), ...diff.changed.map((file) => `~${file}`), ...diff.removed.map((file) => `-${file}`)].filter((file) => !inSearch(file.slice(1))),
  };
}
