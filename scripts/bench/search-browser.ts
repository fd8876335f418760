// The reader's side of bench:search: the real search page code (public/js/search.js and search-text.js)
// over a written index, opened in Chromium with a cold cache for each query. Prints, per query, the
// time from navigation to the first results (or "没有找到") on screen, the bytes and requests it took,
// the count the page showed, and the true count found by reading every article's folded text.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../src/build/static-server.ts';
import { strings as t } from '../../src/render/strings.ts';

export interface QueryFigure {
  query: string;
  ms: number;
  kilobytes: number;
  requests: number;
  shown: string;
  exact: boolean;
  truth?: number;
}

/** The search page's markup as layouts/search.njk writes it (the parts search.js reads). */
function harness(): string {
  const data = {
    'text-module': '/js/search-text.js',
    index: '/search-index.json',
    'zero-results': t.searchZeroResults,
    'many-results': t.searchManyResults,
    'one-result': t.searchOneResult,
    'about-results': t.searchAboutResults,
    suggest: t.searchSuggest,
    searching: t.searching,
    failed: t.searchFailed,
    'filter-all': t.searchFilterAll,
    'filter-section': t.searchFilterSection,
    'filter-tag': t.searchFilterTag,
    'filter-author': t.searchFilterAuthor,
    'filter-source': t.searchFilterSource,
    'filter-year': t.searchFilterYear,
  };
  const attributes = Object.entries(data).map(([name, value]) => `data-${name}="${value.replace(/"/g, '&quot;')}"`).join(' ');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title><script type="module" src="/js/search.js"></script></head><body>
<form class="search-form" action="/search/"><input name="q"><select name="sort"><option value=""></option><option value="time"></option></select></form>
<div id="search" ${attributes}><p class="search-status"></p><p class="search-suggest" hidden></p><div class="search-filters" hidden></div><ol class="search-results"></ol><button class="search-more" hidden></button></div>
<nav class="search-browse"><p class="search-browse__hint" hidden></p></nav></body></html>`;
}

/** Serves `indexParent/search-index` with the page code, and runs each query in a fresh browser context. */
export async function measureQueries(projectRoot: string, indexParent: string, queries: readonly string[], truth: (query: string) => number | undefined): Promise<QueryFigure[]> {
  await mkdir(path.join(indexParent, 'js'), { recursive: true });
  await mkdir(path.join(indexParent, 'search'), { recursive: true });
  for (const file of ['search.js', 'search-text.js']) await copyFile(path.join(projectRoot, 'public', 'js', file), path.join(indexParent, 'js', file));
  await writeFile(path.join(indexParent, 'search', 'index.html'), harness());
  const server = createServer((request, response) => {
    serveStatic(indexParent, request, response).catch(() => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const figures: QueryFigure[] = [];
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let requests = 0;
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        requests += 1;
        sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize, () => 0));
      });
      const started = performance.now();
      await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => ['results', 'empty', 'failed'].includes(document.getElementById('search')?.dataset.state ?? ''), undefined, { timeout: 60_000 });
      const ms = performance.now() - started;
      const shown = (await page.locator('.search-status').textContent()) ?? '';
      const exact = (await page.locator('#search').getAttribute('data-exact')) !== 'false';
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      const real = truth(query);
      figures.push({ query, ms, kilobytes: bytes / 1024, requests, shown, exact, ...(real === undefined ? {} : { truth: real }) });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return figures;
}
