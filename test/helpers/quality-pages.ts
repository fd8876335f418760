// The page kinds every reader-quality gate visits: one representative built page of each kind, chosen
// from the built sample portal itself so that the gates follow the content instead of naming files.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SampleSite } from './site-server.ts';

export interface PageKind {
  /** A file-name-safe label: "home-page-2". */
  id: string;
  /** What a failure calls the page: "article /jingji/2024/q1-economy-data/". */
  name: string;
  /** The site path visited. */
  path: string;
  /** The HTTP status the page is served with (200, or 404 for the not-found page). */
  status: number;
}

/** A URL no page lives at: the server answers it with 404.html and status 404. */
export const MISSING_PATH = '/no-such-page/';

/** home, home page 2, article, section, tag, author, the tag index, search and 404. */
export async function pageKinds(site: SampleSite): Promise<PageKind[]> {
  const section = site.settings.sections[0];
  if (!section) throw new Error('content/site.yaml has no sections: the quality gates need at least one section page.');
  const kinds: Omit<PageKind, 'id'>[] = [
    { name: 'home', path: '/', status: 200 },
    { name: 'home page 2', path: '/page/2/', status: 200 },
    { name: 'article', path: await richestArticle(site), status: 200 },
    { name: 'section', path: `/${section.key}/`, status: 200 },
    { name: 'tag', path: await firstChildPage(site, 'tag'), status: 200 },
    { name: 'author', path: await firstChildPage(site, 'author'), status: 200 },
    { name: 'tag index', path: '/tag/', status: 200 },
    { name: 'search', path: '/search/', status: 200 },
    { name: '404', path: MISSING_PATH, status: 404 },
  ];
  return kinds.map((kind) => ({ ...kind, id: kind.name.replace(/\s+/g, '-'), name: `${kind.name} ${kind.path}` }));
}

/** The article that exercises the most markup: a lead picture, body figures, a table, a correction. */
async function richestArticle(site: SampleSite): Promise<string> {
  const features = [/class="article__lead/, /class="figure/, /<table/, /class="correction"/, /<blockquote/, /<ol|<ul/];
  let best = { path: site.articlePaths[0], score: -1 };
  for (const articlePath of site.articlePaths) {
    const html = await readFile(path.join(site.root, articlePath, 'index.html'), 'utf8');
    const score = features.filter((feature) => feature.test(html)).length;
    if (score > best.score) best = { path: articlePath, score };
  }
  if (!best.path) throw new Error('The sample portal built no article pages: the quality gates need at least one.');
  return best.path;
}

/** /tag/<first>/ or /author/<first>/: the first page below a folder, in name order. */
async function firstChildPage(site: SampleSite, folder: string): Promise<string> {
  const entries = await readdir(path.join(site.root, folder), { withFileTypes: true });
  const first = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()[0];
  if (!first) throw new Error(`The sample portal built no pages under /${folder}/.`);
  return `/${folder}/${first}/`;
}
