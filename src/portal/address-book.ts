// The address book: the one place that knows every address the site writes (article pages, list
// pages and their later pages, the tag index, search, 404, feeds, sitemaps, robots.txt, CDN files,
// public/ assets, /img/ and /search-index/) and every alias, and reports each clash as a content problem
// with the file and line to fix. Pure: check and build run it before anything is rendered.
import { addressKey, type Alias } from '../content/aliases.ts';
import { fieldPath, type ContentProblem } from '../content/errors.ts';
import { addressMessages, siteMessages } from '../content/messages.ts';
import type { ListKind } from './types.ts';

/** A lookup table keyed by what editors write: no inherited keys, so "constructor" or "__proto__" find nothing. */
const table = (entries: Record<string, string>): Readonly<Record<string, string>> => Object.freeze(Object.assign(Object.create(null) as Record<string, string>, entries));

/** First path segments the site keeps for itself: no section key, article or alias may use them. */
export const RESERVED_FOLDERS = table({
  tag: 'part of the tag pages (/tag/)',
  author: 'part of the author pages (/author/)',
  search: 'part of the search page (/search/)',
  page: "part of the homepage's later pages (/page/2/ …)",
  img: 'part of the images the build writes (/img/)',
  css: "part of the site's style sheets (/css/)",
  js: "part of the site's scripts (/js/)",
  'search-index': 'part of the search index (/search-index/)',
  sitemaps: 'part of the sitemaps (/sitemaps/)',
  admin: 'part of the editing room (/admin/)',
});

/** Files at the site root the build writes or copies from public/. */
export const RESERVED_FILES = table({
  '/feed.xml': "the site's RSS feed",
  '/atom.xml': "the site's Atom feed",
  '/feed.json': "the site's JSON Feed",
  '/sitemap.xml': 'the sitemap index',
  '/search-index.json': "the search index's meta file",
  '/robots.txt': 'the robots.txt file for search engines',
  '/_headers': 'the CDN header rules (_headers)',
  '/_redirects': 'the CDN redirect rules (_redirects)',
  '/404.html': 'the "page not found" page',
  '/logo.png': "the site's logo",
  '/logo.svg': "the site's logo",
  '/favicon.svg': "the site's icon",
  '/favicon.ico': "the site's icon",
});

/** Files every section has: /<key>/feed.xml … */
const SECTION_FILES = ['feed.xml', 'atom.xml', 'feed.json'];

export interface AddressBookInput {
  sections: readonly { key: string }[];
  /** site.yaml as shown in messages, and the line of a field in it. */
  siteFile: { file: string; lineOf(path: readonly PropertyKey[]): number };
  /** Every article that loaded (drafts and scheduled ones too: they will need their address). */
  articles: readonly { file: string; url: string; urlLine: number; aliases: readonly Alias[] }[];
  /** Every list page of the Portal. */
  listPages: readonly ListAddress[];
  /** More site paths the build writes (e.g. files under public/), beyond the ones above. */
  extraFiles?: readonly string[];
}

/** A list page as the address book needs it (its name, and its front page when it is a later page). */
export interface ListAddress {
  url: string;
  kind: ListKind;
  name?: string;
  title?: string;
  base?: string;
}

type Owner = { kind: 'article'; file: string } | { kind: 'page'; what: string };

export function findAddressClashes(input: AddressBookInput): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const { siteFile } = input;
  input.sections.forEach((section, index) => {
    const owner = RESERVED_FOLDERS[section.key];
    if (owner) problems.push({ file: siteFile.file, line: siteFile.lineOf(['sections', index, 'key']), field: fieldPath(['sections', index, 'key']), message: siteMessages.sectionKeyReserved(section.key, owner) });
  });

  const pages = new Map<string, Owner>();
  for (const page of input.listPages) pages.set(keyOf(page.url), { kind: 'page', what: describeList(page) });
  pages.set('/tag', { kind: 'page', what: 'the list of all tags' });
  pages.set('/search', { kind: 'page', what: 'the search page' });
  for (const file of input.extraFiles ?? []) pages.set(keyOf(file), { kind: 'page', what: `the file ${file} of the site` });
  const reserved = reservedLookup(input.sections);

  const byUrl = new Map<string, (typeof input.articles)[number][]>();
  for (const article of input.articles) {
    const key = keyOf(article.url);
    byUrl.set(key, [...(byUrl.get(key) ?? []), article]);
  }
  for (const [key, owners] of byUrl) {
    const page = pages.get(key);
    const what = page?.kind === 'page' ? page.what : undefined;
    const held = what ? undefined : reserved(key);
    for (const owner of owners) {
      const where = { file: owner.file, line: owner.urlLine, field: 'url' };
      if (owners.length > 1) problems.push({ ...where, message: addressMessages.articleTwice(owner.url, owners.filter((other) => other !== owner).map((other) => other.file).join(', ')) });
      else if (what) problems.push({ ...where, message: addressMessages.articleOnList(owner.url, what) });
      else if (held) problems.push({ ...where, message: addressMessages.articleOnReserved(owner.url, held) });
    }
  }

  const claims = new Map<string, { file: string; alias: Alias }[]>();
  for (const article of input.articles) {
    for (const alias of article.aliases) {
      const key = addressKey(alias.path);
      claims.set(key, [...(claims.get(key) ?? []), { file: article.file, alias }]);
    }
  }
  for (const [key, claimants] of claims) {
    const lower = keyOf(key);
    const articleHere = byUrl.get(lower);
    const page = pages.get(lower);
    const held = reserved(lower);
    for (const { file, alias } of claimants) {
      const where = { file, line: alias.line, field: 'aliases' };
      if (articleHere) {
        const whose = articleHere.some((article) => article.file === file) ? 'this article itself' : articleHere.map((article) => article.file).join(', ');
        problems.push({ ...where, message: addressMessages.aliasOnPage(alias.path, whose) });
      } else if (page?.kind === 'page') problems.push({ ...where, message: addressMessages.aliasOnPage(alias.path, page.what) });
      else if (held) problems.push({ ...where, message: addressMessages.aliasOnReserved(alias.path, held) });
      else {
        const others = claimants.filter((other) => other.alias !== alias).map((other) => (other.file === file ? `line ${other.alias.line}` : other.file));
        if (others.length > 0) problems.push({ ...where, message: addressMessages.aliasTwice(alias.path, [...new Set(others)].join(', ')) });
      }
    }
  }
  return problems;
}

/** Addresses compared as a file system and most CDNs would store them: lower case, no index.html or trailing slash. */
function keyOf(sitePath: string): string {
  return addressKey(sitePath).toLowerCase();
}

/** What a reserved address belongs to, if it is reserved: root files, reserved folders, sections' feeds and later pages. */
function reservedLookup(sections: readonly { key: string }[]): (key: string) => string | undefined {
  const sectionKeys = new Set(sections.map((section) => section.key));
  return (key) => {
    const file = RESERVED_FILES[key];
    if (file) return file;
    const [first = '', second, ...rest] = key.slice(1).split('/');
    const folder = RESERVED_FOLDERS[first];
    if (folder) return folder;
    if (sectionKeys.has(first) && second !== undefined) {
      if (SECTION_FILES.includes(second) && rest.length === 0) return `the feed of the section "${first}"`;
      if (second === 'page') return `part of the later pages of the section "${first}" (/${first}/page/2/ …)`;
    }
    return undefined;
  };
}

function describeList(page: ListAddress): string {
  const name = page.name ?? page.title ?? '';
  const kind = { home: 'the homepage', section: `the section page "${name}"`, tag: `the tag page "${name}"`, author: `the author page "${name}"` }[page.kind];
  return page.url === (page.base ?? page.url.replace(/page\/\d+\/$/, '')) ? kind : `${page.url}, a later page of ${kind}`;
}
