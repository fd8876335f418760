// Which output files are article pages: the ones whose Open Graph type is "article" (set by
// src/render/head-meta.ts on article pages only), read from the built HTML.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ARTICLE_TYPE = /<meta property="og:type" content="article">/;

export function isArticleHtml(html: string): boolean {
  return ARTICLE_TYPE.test(html);
}

/** A reader for makePlan's isArticle: false for files that are missing or not HTML. */
export function articleReader(outputDir: string): (sitePath: string) => boolean {
  return (sitePath) => {
    if (!sitePath.endsWith('.html')) return false;
    try {
      return isArticleHtml(readFileSync(path.join(outputDir, sitePath), 'utf8'));
    } catch {
      return false;
    }
  };
}
