// Baidu reads at most 256 bytes of a sitemap <loc>: an article whose address is longer is a content
// problem, reported by check and build alike (validate.ts) at the line that decides the address.
import type { ContentProblem } from '../content/errors.ts';

export const LOC_BYTES = 256;

const locBytes = (url: string): number => Buffer.byteLength(encodeURI(decodeURI(url)));

/** Articles whose address is longer than Baidu reads (256 bytes), as content problems at the slug (or line 1). */
export function locProblems(baseUrl: string, articles: readonly { file: string; url: string; urlLine?: number }[]): ContentProblem[] {
  return articles
    .filter((article) => locBytes(`${baseUrl}${article.url}`) > LOC_BYTES)
    .map((article) => ({
      file: article.file,
      line: article.urlLine ?? 1,
      field: 'url',
      message: `the address ${baseUrl}${article.url} is ${locBytes(`${baseUrl}${article.url}`)} bytes; Baidu reads at most ${LOC_BYTES}. Give the article a shorter slug, e.g. slug: ${article.url.split('/').filter(Boolean).at(-1)?.slice(0, 24) ?? 'short-name'}.`,
    }));
}
