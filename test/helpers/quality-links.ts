// Finds every internal reference in a built site's HTML (a, link, img, source, script: href, src,
// srcset) and checks it against the files on disk: a folder means its index.html, and a #fragment must
// name an id (or an <a name>) on the target page. Pure file reading: no server, no browser.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Reference {
  /** The page it was found on, as a site path: "/jingji/2024/q1-economy-data/". */
  page: string;
  element: string;
  attribute: string;
  value: string;
}

const TAG = /<(a|link|img|source|script)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const ID = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const CHECKED: Record<string, string[]> = { a: ['href'], link: ['href'], img: ['src', 'srcset'], source: ['src', 'srcset'], script: ['src'] };

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every .html file below root, as paths relative to it. */
export async function htmlFiles(root: string): Promise<string[]> {
  const files = await readdir(root, { recursive: true });
  return files.filter((file) => file.endsWith('.html')).sort();
}

/** The site path a built file is served at: "jingji/index.html" → "/jingji/". */
export function sitePathOf(file: string): string {
  const posix = file.split(path.sep).join('/');
  return `/${posix.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The href/src/srcset values of one page that the crawl checks. */
export function referencesIn(page: string, html: string): Reference[] {
  const found: Reference[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [, rawElement = '', attributes = ''] of withoutComments.matchAll(TAG)) {
    const element = rawElement.toLowerCase();
    for (const match of attributes.matchAll(ATTRIBUTE)) {
      const attribute = (match[1] ?? '').toLowerCase();
      if (!CHECKED[element]?.includes(attribute)) continue;
      const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
      const values = attribute === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
      for (const single of values) found.push({ page, element, attribute, value: single.trim() });
    }
  }
  return found;
}

/** The fragment targets a page offers: every id, and the name of every <a name>. */
export function targetsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(ID)) ids.add(decodeEntities(match[1] ?? match[2] ?? match[3] ?? ''));
  return ids;
}

/**
 * Checks every internal reference of every page under root. `siteOrigin` (the site's baseUrl) makes
 * absolute links to the site itself count as internal. Returns one line per broken reference.
 */
export async function findBrokenReferences(root: string, siteOrigin: string): Promise<{ broken: string[]; checked: number; pages: number }> {
  const files = await htmlFiles(root);
  const pages = new Map<string, string>();
  for (const file of files) pages.set(path.join(root, file), await readFile(path.join(root, file), 'utf8'));
  const targets = new Map<string, Set<string>>();
  const exists = new Map<string, string | undefined>();
  const broken: string[] = [];
  let checked = 0;

  /** The file a site path is served from, or undefined. */
  async function resolveFile(sitePath: string): Promise<string | undefined> {
    if (exists.has(sitePath)) return exists.get(sitePath);
    let file: string | undefined = path.join(root, ...sitePath.split('/'));
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      const index = path.join(file, 'index.html');
      file = (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
    } else if (!info?.isFile()) file = undefined;
    exists.set(sitePath, file);
    return file;
  }

  for (const file of files) {
    const page = sitePathOf(file);
    const pageUrl = new URL(page, siteOrigin);
    for (const reference of referencesIn(page, pages.get(path.join(root, file)) ?? '')) {
      const where = `${page}: <${reference.element} ${reference.attribute}="${reference.value}">`;
      if (reference.value === '' ) {
        broken.push(`${where} is empty`);
        continue;
      }
      if (/^(mailto|tel|data):/i.test(reference.value)) continue;
      let target: URL;
      try {
        target = new URL(reference.value, pageUrl);
      } catch {
        broken.push(`${where} is not a valid URL`);
        continue;
      }
      if (target.origin !== pageUrl.origin) continue;
      checked += 1;
      let sitePath: string;
      try {
        sitePath = decodeURIComponent(target.pathname);
      } catch {
        broken.push(`${where} has a malformed percent-encoding`);
        continue;
      }
      const targetFile = await resolveFile(sitePath);
      if (!targetFile) {
        broken.push(`${where} leads to ${sitePath}, which is not in the build`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (!fragment || fragment === 'top') continue;
      if (!targetFile.endsWith('.html')) {
        broken.push(`${where} has a #fragment on a file that is not a page`);
        continue;
      }
      if (!targets.has(targetFile)) targets.set(targetFile, targetsIn(pages.get(targetFile) ?? (await readFile(targetFile, 'utf8'))));
      if (!targets.get(targetFile)?.has(fragment)) broken.push(`${where}: ${sitePath} has no element with id "${fragment}"`);
    }
  }
  return { broken, checked, pages: files.length };
}
