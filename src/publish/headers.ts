// The `_headers` file (Cloudflare Pages and Netlify): security headers on every response, a year of
// immutable caching for content-hashed files, and a short, revalidated cache for everything else.
// Cache rules never overlap, because Cloudflare joins the values of a header set by two rules.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filesUnder, HASHED_FOLDERS } from './assets.ts';
import { adminContentSecurityPolicy } from '../cms/admin-page.ts';
import { ADMIN_FOLDER } from './admin.ts';
import type { StepContext } from './step-context.ts';
import { BroadsheetError } from '../content/errors.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, max-age=300, must-revalidate';

/** No inline script and no WebAssembly anywhere (the search page is plain JavaScript over static files). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Table cells carry text-align from Markdown; no other inline style is allowed.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: readonly [string, string][] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'],
  ['X-Frame-Options', 'DENY'],
];

/** Output folders whose file names already carry a content hash (images are named by their hash). */
/** Folders whose files are named by their content: /img/ and the search index's files. */
export const IMMUTABLE_FOLDERS = ['img', 'search-index'] as const;
/** Files the host reads itself; they are never served. */
const HOST_FILES = new Set(['_headers', '_redirects']);

export interface HeaderRule {
  pattern: string;
  headers: readonly [string, string][];
}

export interface OutputShape {
  /** Site paths of content-hashed files, e.g. /css/site.3f2a1b4c.css. */
  hashedFiles: string[];
  /** Names directly in the output folder, with whether each is a folder. */
  topLevel: { name: string; folder: boolean }[];
}

/** Raised when an output file's name would break a line of `_headers` (a newline splits a rule). */
export class HeaderNameError extends BroadsheetError {}

// Control characters, and the Unicode line and paragraph separators some parsers also break lines at.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checkName(sitePath: string): void {
  if (!LINE_BREAKING.test(sitePath)) return;
  throw new HeaderNameError(
    `The output file ${JSON.stringify(sitePath)} has a line break or another control character in its name, which would split its rule in _headers into a header of its own. Rename the file in public/ (or wherever it comes from) to letters, digits, "-", "_" and "." only, and build again.`,
  );
}

export function headerRules({ hashedFiles, topLevel }: OutputShape): HeaderRule[] {
  for (const file of hashedFiles) checkName(file);
  for (const entry of topLevel) checkName(`/${entry.name}`);
  const rules: HeaderRule[] = [{ pattern: '/*', headers: SECURITY_HEADERS }];
  const immutable: [string, string][] = [['Cache-Control', IMMUTABLE]];
  const revalidate: [string, string][] = [['Cache-Control', REVALIDATE]];
  for (const file of [...hashedFiles].sort()) rules.push({ pattern: file, headers: immutable });
  const longLived = new Set<string>([...HASHED_FOLDERS, ...IMMUTABLE_FOLDERS]);
  for (const folder of IMMUTABLE_FOLDERS) {
    if (topLevel.some((entry) => entry.folder && entry.name === folder)) rules.push({ pattern: `/${folder}/*`, headers: immutable });
  }
  rules.push({ pattern: '/', headers: revalidate });
  for (const entry of [...topLevel].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (HOST_FILES.has(entry.name) || (entry.folder && longLived.has(entry.name))) continue;
    rules.push({ pattern: entry.folder ? `/${entry.name}/*` : `/${entry.name}`, headers: revalidate });
  }
  return rules;
}

export function formatHeaders(rules: readonly HeaderRule[]): string {
  // "! Name" (no value) removes a header set by a broader rule (Cloudflare Pages).
  const line = ([name, value]: readonly [string, string]): string => (name.startsWith('!') ? `  ${name}` : `  ${name}: ${value}`);
  return `${rules.map((rule) => [rule.pattern, ...rule.headers.map(line)].join('\n')).join('\n')}\n`;
}

// --- The editing room (/admin/, src/cms/) ---
/**
 * /admin/ swaps the site's policy for its own (Decap CMS needs eval, inline styles, blob: and its Git
 * host's API; see adminContentSecurityPolicy), may be framed by itself only, and is never indexed.
 */
export function adminHeaderRule(policy: string): HeaderRule {
  return {
    pattern: `/${ADMIN_FOLDER}/*`,
    headers: [
      ['! Content-Security-Policy', ''],
      ['! X-Frame-Options', ''],
      ['Content-Security-Policy', policy],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['X-Robots-Tag', 'noindex, nofollow'],
    ],
  };
}

/** The build step; runs after the assets are hashed and every other file is written. */
export async function writeHeaders({ outputDir, portal }: Pick<StepContext, 'outputDir' | 'portal'>): Promise<void> {
  const hashedFiles: string[] = [];
  for (const folder of HASHED_FOLDERS) {
    for (const file of await filesUnder(path.join(outputDir, folder))) hashedFiles.push(`/${path.relative(outputDir, file).split(path.sep).join('/')}`);
  }
  const entries = await readdir(outputDir, { withFileTypes: true });
  const topLevel = entries.map((entry) => ({ name: entry.name, folder: entry.isDirectory() }));
  const rules = headerRules({ hashedFiles, topLevel });
  if (topLevel.some((entry) => entry.folder && entry.name === ADMIN_FOLDER)) rules.splice(1, 0, adminHeaderRule(adminContentSecurityPolicy(portal.site)));
  await writeFile(path.join(outputDir, '_headers'), formatHeaders(rules));
}
