// Old addresses of an article (front-matter `aliases`) that keep working as redirects. Whether an alias
// may be used (not a page, not reserved, not claimed twice) is decided by the address book
// (src/portal/address-book.ts), with every other address of the site.

export interface Alias {
  /** The old site path as the editor wrote it, e.g. /news/2019/metro-line-4/ or /a/12345.html. */
  path: string;
  /** The line of the alias in its file. */
  line: number;
}

/** The file an alias's redirect page is written to: /a/b/ and /a/b → a/b/index.html; /a/1.html → a/1.html. */
export function aliasFile(aliasPath: string): string {
  const trimmed = aliasPath.replace(/^\/+/, '');
  if (/\.html?$/i.test(trimmed)) return trimmed;
  return `${trimmed.replace(/\/+$/, '')}${trimmed.replace(/\/+$/, '') ? '/' : ''}index.html`;
}

/** One spelling per address: case as written, no trailing slash, no index.html. */
export function addressKey(sitePath: string): string {
  return `/${sitePath.replace(/^\/+/, '').replace(/(^|\/)index\.html?$/i, '$1').replace(/\/+$/, '')}`;
}
