// Related reading, quality and stability measured together (decision 20): on a synthetic archive of
// planted stories (scripts/bench/stories.ts), the precision@N of 猜您喜欢 — the share of its items from
// the article's own story — in the static HTML of every article page and, for a sample of pages, in
// Chromium after public/js/live-rails.js has run; whether every rail is full, never the article itself,
// never an article on both rails; then the files one new story of a planted story changes.
//   npm run bench:rails -- [--sizes 2k,10k] [--browser-pages 80] [--verify] [--dir FOLDER] [--keep]
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveStatic } from '../src/build/static-server.ts';
import { manifestPathFor } from '../src/publish/manifest.ts';
import { readManifestFile, summarizeChanges } from './bench/changes.ts';
import { compareFolders } from './bench/compare.ts';
import { siteYaml } from './bench/corpus.ts';
import { coreCount, machineBusySeconds } from './bench/machine.ts';
import { failed, runBuild, type BuildRun } from './bench/run-build.ts';
import { addStoryArticle, writePlantedCorpus, type PlantedCorpus } from './bench/stories.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20_261_203;
const RAIL_SIZE = 6;

interface RailView {
  url: string;
  youMayLike: string[];
  recommended: string[];
}

interface Quality {
  pages: number;
  precision: number;
  fullRails: number;
  selfLinks: number;
  duplicates: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2k,10k' },
    'browser-pages': { type: 'string', default: '80' },
    verify: { type: 'boolean', default: false },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`--sizes: "${text}" is not a size (write 2000 or 2k).`);
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

function measure(views: readonly RailView[], corpus: PlantedCorpus): Quality {
  let relevant = 0;
  let fullRails = 0;
  let selfLinks = 0;
  let duplicates = 0;
  for (const view of views) {
    const story = corpus.storyOf.get(view.url);
    const top = view.youMayLike.slice(0, RAIL_SIZE);
    relevant += top.filter((url) => corpus.storyOf.get(url) === story).length;
    if (top.length === RAIL_SIZE) fullRails += 1;
    if ([...view.youMayLike, ...view.recommended].includes(view.url)) selfLinks += 1;
    const related = new Set(view.youMayLike);
    if (view.recommended.some((url) => related.has(url))) duplicates += 1;
  }
  return { pages: views.length, precision: relevant / Math.max(1, views.length * RAIL_SIZE), fullRails, selfLinks, duplicates };
}

/** The card links of one rail of a built page, read from our own markup. */
function railLinks(html: string, railId: string): string[] {
  const start = html.indexOf(`aria-labelledby="${railId}"`);
  if (start < 0) return [];
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(/class="card__link[^"]*" href="([^"]+)"|href="([^"]+)" class="card__link/g)].map((match) => (match[1] ?? match[2]) as string);
}

async function staticViews(site: string, corpus: PlantedCorpus): Promise<RailView[]> {
  const views: RailView[] = [];
  for (const url of corpus.storyOf.keys()) {
    const html = await readFile(path.join(site, url, 'index.html'), 'utf8');
    views.push({ url, youMayLike: railLinks(html, 'rail-you-may-like'), recommended: railLinks(html, 'rail-recommended') });
  }
  return views;
}

async function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    serveStatic(root, request, response).catch(() => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The same rails in Chromium after live-rails.js has filled 推荐阅读 from /live/rails.json. */
async function browserViews(site: string, urls: readonly string[]): Promise<{ views: RailView[]; live: number }> {
  const server = await serve(site);
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const views: RailView[] = [];
  let live = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const url of urls) {
      await page.goto(origin + url, { waitUntil: 'load' });
      const current = await page.waitForSelector('[data-live-rail="recommended"][data-live-state="current"]', { timeout: 3000 }).then(() => true, () => false);
      if (current) live += 1;
      const links = (id: string) => page.$$eval(`[aria-labelledby="${id}"] .card__link`, (anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      views.push({ url, youMayLike: await links('rail-you-may-like'), recommended: await links('rail-recommended') });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { views, live };
}

function check(run: BuildRun): BuildRun {
  const problem = failed(run);
  if (problem) throw new Error(problem);
  return run;
}

const line = (label: string, q: Quality): string =>
  `  ${label.padEnd(28)} precision@${RAIL_SIZE} ${q.precision.toFixed(3)} over ${q.pages} pages; full rails ${q.fullRails}/${q.pages}; self-links ${q.selfLinks}; articles on both rails ${q.duplicates}`;

async function benchSize(articles: number, parent: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  const folder = await mkdtemp(path.join(parent, 'broadsheet-rails-'));
  try {
    const content = path.join(folder, 'content');
    const site = path.join(folder, '_site');
    await mkdir(content);
    const corpus = writePlantedCorpus(content, articles, SEED, siteYaml());
    console.log(`\n${articles} articles in ${corpus.storyTags.length} planted stories (${folder})`);
    const call = (label: string, output: string, args: string[]) => ({ label, projectRoot, contentDir: content, outputDir: output, args: [...args, '--no-search'] });
    const cold = check(await runBuild(call('cold', site, ['--full'])));
    console.log(`  cold build (no search)       ${(cold.measurement.wallMs / 1000).toFixed(1)} s`);
    const still = measure(await staticViews(site, corpus), corpus);
    console.log(line('static HTML', still));
    const sampleSize = Math.min(Number(values['browser-pages']), corpus.storyOf.size);
    const all = [...corpus.storyOf.keys()].sort();
    const sample = Array.from({ length: sampleSize }, (_, i) => all[Math.floor((i * all.length) / sampleSize)] as string);
    const { views, live } = await browserViews(site, sample);
    const browser = measure(views, corpus);
    console.log(`${line('Chromium, live-rails.js', browser)}; live 推荐阅读 filled on ${live}/${sampleSize}`);

    const before = path.join(folder, 'before.manifest.json');
    await copyFile(manifestPathFor(site), before);
    const story = Math.floor(corpus.storyTags.length / 2);
    const added = addStoryArticle(content, corpus, story, SEED + 1);
    const incremental = check(await runBuild(call('publish-one', site, [])));
    const changes = summarizeChanges(await readManifestFile(before), await readManifestFile(manifestPathFor(site)));
    console.log(`  publish-one                  ${(incremental.measurement.wallMs / 1000).toFixed(1)} s; ${changes.outsideSearch} files changed (${changes.added} added, ${changes.changed} changed, ${changes.removed} removed); new article ${added}`);
    let identical = 'not checked (--verify)';
    if (values.verify) {
      const clean = path.join(folder, '_clean');
      check(await runBuild(call('clean', clean, ['--full'])));
      const comparison = await compareFolders(site, clean);
      identical = comparison.identical ? `identical (${comparison.files} files)` : `DIFFERENT: ${comparison.firstDifference}`;
      console.log(`  incremental vs clean build   ${identical}`);
    }
    return `| ${articles.toLocaleString('en')} | ${still.precision.toFixed(3)} | ${browser.precision.toFixed(3)} (${sampleSize} pages) | ${still.fullRails}/${still.pages} | ${still.selfLinks + browser.selfLinks} / ${still.duplicates + browser.duplicates} | ${changes.outsideSearch} | ${identical} |`;
  } finally {
    if (values.keep) console.log(`  kept ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (values.sizes as string).split(',').map(parseSize);
  const parent = values.dir ? path.resolve(values.dir) : path.join(projectRoot, '.cache', 'bench-rails');
  const busyBefore = await machineBusySeconds();
  const started = performance.now();
  const rows: string[] = [];
  for (const size of sizes) rows.push(await benchSize(size, parent));
  const busyAfter = await machineBusySeconds();
  const seconds = (performance.now() - started) / 1000;
  if (busyBefore !== undefined && busyAfter !== undefined) console.log(`\nmachine: all processes kept ${((busyAfter - busyBefore) / seconds).toFixed(2)} of ${coreCount()} cores busy over ${seconds.toFixed(0)} s`);
  console.log('\n| articles | 猜您喜欢 precision@6, static | after live-rails.js | full rails | self-links / on both rails | files changed by one new story | incremental = clean |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  console.log(rows.join('\n'));
}

main().catch((error: unknown) => {
  process.exitCode = 1;
  console.error(error instanceof Error ? error.message : error);
});
