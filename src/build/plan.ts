// The page plan: every page of the site with an input digest (ARCHITECTURE decision 12). A page's
// digest covers what its template is given — its own data, the cards it shows, the settings and
// navigation every page shows — plus the code, templates and assets of this build. Equal digests
// mean byte-identical pages, so a build reuses them instead of rendering; the incremental build test
// proves it against clean builds.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ListPage, Portal } from '../portal/types.ts';

/** The folders and files whose content is part of every page's digest (code, templates, assets). */
const CODE_INPUTS = ['src', 'layouts', 'public', '.eleventy.ts', 'package-lock.json'];

export interface PlannedPage {
  /** Site path of the page, e.g. /jiaoyu/2024/exam/ */
  url: string;
  /** The file it is written to, relative to the output, e.g. jiaoyu/2024/exam/index.html */
  file: string;
  digest: string;
  kind: 'article' | 'list';
}

export interface PagePlan {
  pages: PlannedPage[];
  /** Digest of what every page shares; singletons (404, search, tag index, live rails) always render. */
  shared: string;
}

/** One digest of the project's code, templates and public files: any change rebuilds every page. */
export async function digestCode(projectRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const input of CODE_INPUTS) {
    const full = path.join(projectRoot, input);
    const files = await readdir(full, { recursive: true, withFileTypes: true }).then(
      (entries) => entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort(),
      () => [full],
    );
    for (const file of files) {
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes) hash.update(path.relative(projectRoot, file)).update('\0').update(bytes).update('\0');
    }
  }
  return hash.digest('hex');
}

export function planPages(portal: Portal, inputs: { code: string; assets: ReadonlyMap<string, string>; includeDrafts: boolean }): PagePlan {
  const shared = digestOf({
    code: inputs.code,
    assets: [...inputs.assets],
    includeDrafts: inputs.includeDrafts,
    site: portal.site,
    footer: portal.footer,
    sections: portal.sections,
    popularTagSlots: portal.popularTagSlots,
  });
  // An article appears as a card on many pages: digest each card once and use its digest there.
  const cards = new Map<Article, string>();
  const card = (article: Article): string => {
    let digest = cards.get(article);
    if (digest === undefined) cards.set(article, (digest = digestOf(cardView(article))));
    return digest;
  };
  const pages: PlannedPage[] = [
    ...portal.articles.map((article) => planned(article.url, 'article', shared, { ...article, recommended: article.recommended.map(card), youMayLike: article.youMayLike.map(card) })),
    ...portal.listPages.map((list) => planned(list.url, 'list', shared, { ...list, lead: list.lead.map(card), items: list.items.map(card) })),
  ];
  return { pages, shared };
}

function planned(url: string, kind: PlannedPage['kind'], shared: string, view: unknown): PlannedPage {
  return { url, file: `${url.replace(/^\//, '')}index.html`, digest: digestOf({ shared, view }), kind };
}

/** What a card of an article can show: everything but the body and the article's own rails. */
function cardView(article: Article): unknown {
  const { html: _html, recommended: _recommended, youMayLike: _youMayLike, ...card } = article;
  return card;
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
