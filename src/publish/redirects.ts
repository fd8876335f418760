// Old addresses keep working (front-matter `aliases`): a `_redirects` file of 301s for hosts that read
// it (Cloudflare Pages, Netlify), and a small HTML page at each old address for every other static
// host: meta refresh, canonical link and a visible link, no script.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasFile } from '../content/aliases.ts';
import { BroadsheetError } from '../content/errors.ts';
import type { Article, Portal } from '../portal/types.ts';
import { strings } from '../render/strings.ts';
import type { StepContext } from './step-context.ts';
import { escapeXml } from './xml.ts';

export interface Redirect {
  from: string;
  to: string;
  article: Article;
  line: number;
}

/** Every alias of a published article, sorted by old address. */
export function redirectsOf(portal: Pick<Portal, 'articles'>): Redirect[] {
  return portal.articles
    .flatMap((article) => article.aliases.map((alias) => ({ from: alias.path, to: article.url, article, line: alias.line })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function redirectsFile(redirects: readonly Redirect[]): string {
  return redirects.map((redirect) => `${redirect.from} ${redirect.to} 301\n`).join('');
}

export function redirectPage(redirect: Redirect, site: { baseUrl: string; language: string }): string {
  const to = escapeXml(redirect.to);
  const title = escapeXml(redirect.article.title);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeXml(site.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeXml(strings.movedTitle)}：${title}</title>`,
    '<meta name="robots" content="noindex">',
    `<link rel="canonical" href="${escapeXml(site.baseUrl)}${to}">`,
    `<meta http-equiv="refresh" content="0; url=${to}">`,
    '</head>',
    '<body>',
    `<p>${escapeXml(strings.movedText)}<a href="${to}">${title}</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The build step. Which aliases may exist is decided before rendering by the address book
 * (src/portal/address-book.ts), in check and build alike; here a redirect page still never replaces a
 * file of the site (flag "wx"): if one ever would, the build stops instead of overwriting it.
 */
export async function writeRedirects({ portal, outputDir }: Pick<StepContext, 'portal' | 'outputDir'>): Promise<void> {
  const redirects = redirectsOf(portal);
  for (const redirect of redirects) {
    const target = path.join(outputDir, aliasFile(redirect.from));
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, redirectPage(redirect, portal.site), { flag: 'wx' });
    } catch (cause) {
      throw new RedirectClashError(redirect, cause);
    }
  }
  if (redirects.length > 0) await writeFile(path.join(outputDir, '_redirects'), redirectsFile(redirects));
}

/** An alias the address book let through would overwrite a file of the site: a bug, never content. */
export class RedirectClashError extends BroadsheetError {
  constructor(redirect: Redirect, cause: unknown) {
    super(`${redirect.article.file}:${redirect.line} → aliases: ${redirect.from} would overwrite a file of the site. The address book (src/portal/address-book.ts) should have refused it; add that path to its reserved list.`, { cause });
    this.name = 'RedirectClashError';
  }
}
