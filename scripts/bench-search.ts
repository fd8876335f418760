// Search index benchmark: writes the synthetic corpus (scripts/bench/corpus.ts), loads its Portal, then
// times the search step alone from an empty cache (full index), and again after adding one article
// (the incremental re-index), sampling the memory of this process; then opens the real search page code
// (public/js/search.js over the written index) in Chromium with a cold cache for a set of queries and
// prints, per query, the time to the first results on screen, the bytes and requests it took, and the
// count it showed.
//   npm run bench:search -- --articles 10000 [--dir DIR] [--keep] [--no-browser]
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadPortal } from '../src/build/load.ts';
import { momentFromEpoch } from '../src/content/time.ts';
import { buildSearchIndex } from '../src/publish/search-index.ts';
import type { Article } from '../src/portal/types.ts';
import { writeCorpus } from './bench/corpus.ts';
import { measureQueries } from './bench/search-browser.ts';
import { plainText } from '../src/search/records.ts';
import { foldText, queryTerms } from '../src/search/text.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    'no-browser': { type: 'boolean', default: false },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

interface Memory {
  /** Highest RSS of any one process (this one or a child), MiB. */
  largest: number;
  /** Highest sum over this process and its children, MiB. */
  tree: number;
}

function rssKiB(pid: number, field = 'VmRSS'): number {
  try {
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function measured<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; cpu: number; memory: Memory }> {
  const memory: Memory = { largest: 0, tree: 0 };
  const childTicks = new Map<number, number>();
  const sample = (): void => {
    const own = rssKiB(process.pid);
    let sum = own;
    let largest = own;
    for (const child of children(process.pid)) {
      childTicks.set(child, Math.max(childTicks.get(child) ?? 0, cpuTicks(child)));
      const kib = rssKiB(child);
      sum += kib;
      largest = Math.max(largest, kib);
    }
    memory.largest = Math.max(memory.largest, largest / 1024);
    memory.tree = Math.max(memory.tree, sum / 1024);
  };
  const timer = setInterval(sample, 100);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(cpuBefore);
  clearInterval(timer);
  sample();
  // Children's CPU time as last sampled (up to 0.1 s of each process may be missed).
  const cpu = (own.user + own.system) / 1e6 + [...childTicks.values()].reduce((a, b) => a + b, 0) / 100;
  return { result, seconds, cpu, memory };
}

const articles = Number(values.articles);
const root = values.dir ? path.resolve(values.dir) : path.join(projectRoot, '.cache', 'bench-search');
mkdirSync(root, { recursive: true });
const work = await mkdtemp(path.join(root, `n${articles}-`));
const content = path.join(work, 'content');
mkdirSync(content);
writeCorpus(content, articles, Number(values.seed));
const loadStarted = performance.now();
const portal = await loadPortal(content, { displayRoot: content });
console.log(`machine load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores)`);
console.log(`corpus: ${portal.articles.length} articles, Portal loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
const cacheDir = path.join(work, 'cache');

const full = await measured(() => buildSearchIndex(portal.articles, path.join(work, 'out-full'), cacheDir));
const show = (label: string, run: typeof full): void =>
  console.log(`${label}: ${run.seconds.toFixed(1)} s wall, ${run.cpu.toFixed(1)} s CPU, ${run.result.mode}, largest process ${run.memory.largest.toFixed(0)} MiB,` +
    ` whole tree ${run.memory.tree.toFixed(0)} MiB`);
show('full index (empty cache)', full);

const newest = portal.articles[0] as Article;
const added = (epoch: number, slug: string): Article => ({
  ...newest,
  id: `${newest.id}-${slug}`,
  url: newest.url.replace(/[^/]+\/$/, `${slug}/`),
  title: `${newest.title}（续）`,
  published: momentFromEpoch(epoch, portal.site.timezone),
});
// A story published an hour after the newest one: news arrives at the top of the archive.
// The story is added to the last index (appendToSearchFolder): only what it touches is written.
const top = await measured(() => buildSearchIndex([added(newest.published.epoch + 3_600_000, 'bench-new'), ...portal.articles], path.join(work, 'out-top'), cacheDir));
show(`one article added at the top (${top.result.mode})`, top);
console.log(`incremental / full: ${((top.seconds / full.seconds) * 100).toFixed(1)} % of the wall time, ${((top.cpu / full.cpu) * 100).toFixed(1)} % of the CPU time`);
const unchanged = await measured(() => buildSearchIndex(portal.articles, path.join(work, 'out-same'), cacheDir));
show('no change (warm cache)', unchanged);

if (!values['no-browser']) {
  // True counts by reading every article's folded text: every Chinese run of the query must be in it.
  const texts = portal.articles.map((a) => foldText([a.title, a.section.name, ...a.tags.map((x) => x.name), ...a.authors.map((x) => x.name), a.source, a.standfirst ?? '', plainText(a.html)].join('\n')));
  const truth = (query: string): number | undefined => {
    const { units } = queryTerms(query);
    if (units.some((unit) => unit.kind !== 'phrase')) return undefined;
    const runs = units.map((unit) => [Array.from(unit.terms[0] as string)[0], ...unit.terms.map((pair) => Array.from(pair)[1])].join(''));
    return texts.filter((text) => runs.every((run) => text.includes(run))).length;
  };
  const queries = ['城市', '光伏', '地铁 安全', '居民收入', '城市交通安全', '大桥 封闭', '地铁怎么换乘', '公基金', '桥', '2024年'];
  const figures = await measureQueries(projectRoot, path.join(work, 'out-full'), queries, truth);
  console.log('\nfirst search in Chromium, cold cache, per query (this machine, 127.0.0.1):');
  console.log('| query | time to results | transferred | requests | shown | true count |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: |');
  for (const f of figures) console.log(`| ${f.query} | ${(f.ms / 1000).toFixed(2)} s | ${f.kilobytes.toFixed(0)} KB | ${f.requests} | ${f.shown.replace(/\|/g, '/')} | ${f.truth ?? '–'} |`);
}

if (!values.keep) rmSync(work, { recursive: true, force: true });
