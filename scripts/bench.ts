// Benchmarks a full build on a synthetic corpus of its own (ARCHITECTURE decision 2):
//   npm run bench -- --articles 10000 [--keep] [--heap MB] [--cpu-prof DIR]
// The build runs in a child process so that its memory is measured alone.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.ts';
import { coreCount, machineBusySeconds } from './bench/machine.ts';
import { countFiles, measureProcess } from './bench/measure.ts';
import { formatProfile, summarizeProfile } from './bench/profile.ts';
import { formatSummary } from './bench/report.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** npm runs scripts in the project folder; paths the user typed are relative to where they typed them. */
const userRoot = process.env.INIT_CWD ?? process.cwd();
const SEED = 20_240_318;

const USAGE = `Usage: npm run bench -- [--articles N] [--no-search] [--dir DIR] [--keep] [--heap MB] [--cpu-prof DIR]
  --articles N     how many articles to generate and build (default 1000)
  --no-search      build without the Pagefind search index (build --no-search)
  --dir DIR        where the corpus and its site are written (default .cache/bench in the project,
                   the disk a newsroom's _site/ is on)
  --keep           keep the generated corpus and site, and print where they are
  --heap MB        give the build --max-old-space-size=MB
  --cpu-prof DIR   profile the build (node --cpu-prof) into DIR and print where the time went`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '1000' },
      keep: { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      dir: { type: 'string' },
      heap: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const articles = wholeNumber(values.articles, '--articles');
  const heapMb = values.heap === undefined ? undefined : wholeNumber(values.heap, '--heap');
  if (articles === undefined || (values.heap !== undefined && heapMb === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const profileDir = values['cpu-prof'] === undefined ? undefined : path.resolve(userRoot, values['cpu-prof']);

  const parent = values.dir === undefined ? path.join(projectRoot, '.cache', 'bench') : path.resolve(userRoot, values.dir);
  await mkdir(parent, { recursive: true });
  const folder = await mkdtemp(path.join(parent, 'broadsheet-bench-'));
  try {
    console.log(`Writing ${articles.toLocaleString('en-US')} articles into ${folder} …`);
    const generationStarted = performance.now();
    const corpus = writeCorpus(folder, articles, SEED);
    const generationMs = performance.now() - generationStarted;

    console.log('Building …');
    const output = path.join(folder, '_site');
    if (profileDir) await mkdir(profileDir, { recursive: true });
    const earlierProfiles = new Set(profileDir ? await readdir(profileDir) : []);
    const nodeArgs = [
      ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import', 'tsx', 'src/cli.ts', 'build', '--content', folder, '--output', output, '--timings',
      ...(values['no-search'] ? ['--no-search'] : []),
    ];
    const busyBefore = await machineBusySeconds();
    const build = await measureProcess(process.execPath, nodeArgs, projectRoot, folder);
    const busyAfter = await machineBusySeconds();
    if (build.exitCode !== 0) {
      console.error(`The build failed (${build.note ?? `exit code ${build.exitCode}, signal ${build.signal}`}) after ${(build.wallMs / 1000).toFixed(1)} s.`);
      if (build.stdout.trim()) console.error(build.stdout.trimEnd());
      console.error(build.stderr.trimEnd() || '(nothing on stderr)');
      if (!values.keep) console.error('Run again with --keep to inspect the corpus.');
      return 1;
    }
    const files = await countFiles(output);
    const buildCpu = Math.max(build.cpu ? build.cpu.user + build.cpu.system : 0, build.tree?.cpuSeconds ?? 0);
    const otherCpuSeconds = busyBefore === undefined || busyAfter === undefined ? undefined : Math.max(0, busyAfter - busyBefore - buildCpu);
    const machine = { cores: coreCount(), ...(otherCpuSeconds === undefined ? {} : { otherCpuSeconds }) };
    console.log(formatSummary({ corpus, generationMs, folder, kept: values.keep, build, output: files, machine, ...(heapMb ? { heapMb } : {}) }));
    console.log(`  steps       as the build timed them${values['no-search'] ? ' (search index off)' : ''}:`);
    const steps = build.stdout.split('\n').filter((text) => /^\s+\d+\.\d+ s {2}/.test(text));
    for (const line of steps) console.log(`    ${line.trim()}`);
    const search = steps.find((line) => line.trim().endsWith('writeSearchIndex'));
    if (search) {
      // The search index runs in Pagefind's own process; show the pages alone too, so both costs are visible.
      const pagesSeconds = build.wallMs / 1000 - Number.parseFloat(search);
      const rss = build.peakRssKiB === undefined ? 'not measured' : `${Math.round(build.peakRssKiB / 1024)} MiB`;
      console.log(`  pages       without the search index step: ${pagesSeconds.toFixed(1)} s wall, build process ${rss}`);
    }
    if (profileDir) {
      const profile = await largestProfile(profileDir, earlierProfiles);
      if (profile) console.log(`${formatProfile(await summarizeProfile(profile))}\n  (profile: ${profile}; open it in Chrome DevTools → Performance)`);
    }
    return 0;
  } finally {
    if (values.keep) console.log(`Kept ${folder} (site in ${path.join(folder, '_site')}).`);
    else await rm(folder, { recursive: true, force: true });
  }
}

function wholeNumber(text: string, flag: string): number | undefined {
  const value = Number(text);
  if (Number.isInteger(value) && value > 0) return value;
  console.error(`${flag} must be a whole number above 0, not "${text}".`);
  return undefined;
}

/** node writes one profile per thread (the tsx loader has its own); the main thread's is the largest. */
async function largestProfile(folder: string, earlier: ReadonlySet<string>): Promise<string | undefined> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.cpuprofile') && !earlier.has(name)).map((name) => path.join(folder, name));
  const sizes = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })));
  return sizes.sort((a, b) => b.size - a.size)[0]?.file;
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
