// Benchmarks Broadsheet on a synthetic corpus of its own (ARCHITECTURE decision 2, issues 11 and 12):
//   npm run bench -- --articles 10000 [--all] [--warm] [--publish-one] [--feature-one] [--shards 4] [--hugo]
// Every build runs in a child process so its memory (and that of every process it starts) is measured alone.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench/corpus.ts';
import { hugoVersion } from './bench/hugo.ts';
import { coreCount, machineBusySeconds } from './bench/machine.ts';
import { parseOptions, USAGE, type BenchOptions } from './bench/options.ts';
import { formatProfile, summarizeProfile } from './bench/profile.ts';
import { coldLines, corpusLines, editLines, hugoLines, shardLines } from './bench/report.ts';
import { coldBuild, featureOne, hugoPairs, publishOne, shardedBuild, siteOf, warmBuild, type Setting } from './bench/scenarios.ts';
import { TABLE_HEADER, tableRow, type SizeResult } from './bench/table.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** npm runs scripts in the project folder; paths the user typed are relative to where they typed them. */
const userRoot = process.env.INIT_CWD ?? process.cwd();
const SEED = 20_240_318;

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv, userRoot);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  if (options.hugo) {
    const hugo = await hugoVersion();
    if (hugo.error) {
      console.error(`--hugo: Hugo cannot run here (${hugo.error}). Install it (Debian: apt-get install -y hugo) or leave out --hugo.`);
      return 2;
    }
    console.log(`Peer: ${hugo.version}`);
  }
  const results: SizeResult[] = [];
  for (const articles of options.sizes) results.push(await benchSize(options, articles));
  console.log(`\nSummary (${options.search ? 'with' : 'without'} the search index, ${options.parent}; paste into docs/benchmarks.md):`);
  console.log([...TABLE_HEADER, ...results.map(tableRow)].join('\n'));
  return results.some((result) => result.error) ? 1 : 0;
}

async function benchSize(options: BenchOptions, articles: number): Promise<SizeResult> {
  await mkdir(options.parent, { recursive: true });
  const folder = await mkdtemp(path.join(options.parent, 'broadsheet-bench-'));
  const result: SizeResult = { articles, dir: options.parent, search: options.search };
  const busyBefore = await machineBusySeconds();
  const started = performance.now();
  try {
    const generationStarted = performance.now();
    await mkdir(path.join(folder, 'content'));
    const corpus = writeCorpus(path.join(folder, 'content'), articles, SEED);
    console.log(`\n${corpusLines(corpus, performance.now() - generationStarted, folder).join('\n')}`);
    const setting: Setting = { projectRoot, folder, corpus, search: options.search, seed: SEED, ...(options.heapMb ? { heapMb: options.heapMb } : {}) };

    const earlierProfiles = new Set(options.profileDir ? await readdir(options.profileDir).catch(() => []) : []);
    if (options.profileDir) await mkdir(options.profileDir, { recursive: true });
    result.cold = await coldBuild({ ...setting, ...(options.profileDir ? { profileDir: options.profileDir } : {}) });
    console.log(coldLines(result.cold, articles).join('\n'));
    if (options.profileDir) await printProfile(options.profileDir, earlierProfiles);
    if (options.hugoRounds > 0) {
      result.hugo = await hugoPairs(setting, options.hugoRounds);
      console.log(hugoLines(result.hugo).join('\n'));
    }
    if (options.warm) {
      result.warm = await warmBuild(setting);
      console.log(editLines('warm', result.warm, result.cold, articles).join('\n'));
    }
    if (options.shards > 0) {
      result.shards = await shardedBuild(setting, options.shards, siteOf(setting));
      console.log(shardLines(result.shards, result.cold).join('\n'));
    }
    if (options.publishOne) {
      result.publishOne = await publishOne(setting);
      console.log(editLines('publish-one', result.publishOne, result.cold, articles).join('\n'));
    }
    if (options.featureOne) {
      result.featureOne = await featureOne(setting);
      console.log(editLines('feature-one', result.featureOne, result.cold, articles).join('\n'));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    console.error(`  FAILED       ${result.error}`);
  } finally {
    const busyAfter = await machineBusySeconds();
    if (busyBefore !== undefined && busyAfter !== undefined) {
      const seconds = (performance.now() - started) / 1000;
      console.log(`  machine      all processes kept ${((busyAfter - busyBefore) / seconds).toFixed(2)} of ${coreCount()} cores busy over these ${seconds.toFixed(0)} s (the benchmark's own builds included)`);
    }
    if (options.keep) console.log(`  kept         ${folder} (content/, _site/ …)`);
    else await rm(folder, { recursive: true, force: true });
  }
  return result;
}

/** node writes one profile per thread (the tsx loader has its own); the main thread's is the largest. */
async function printProfile(folder: string, earlier: ReadonlySet<string>): Promise<void> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.cpuprofile') && !earlier.has(name)).map((name) => path.join(folder, name));
  const sizes = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })));
  const profile = sizes.sort((a, b) => b.size - a.size)[0]?.file;
  if (profile) console.log(`${formatProfile(await summarizeProfile(profile))}\n  (profile: ${profile}; open it in Chrome DevTools → Performance)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = 1;
    console.error(error instanceof Error ? error.message : error);
  },
);
