// `npm run bench:publish -- [--articles 10000] [--dir /some/dir]`: publish a generated site into a local
// S3-protocol server (s3rver, its own process) as the Aliyun target, with a stand-in CDN API, and print
// wall time and peak memory of every process: the first publish, a rerun with nothing changed, one new
// story (manifest diff → purge request), and a first publish killed at a random point, then rerun.
// Figures for docs/deploy.md; not a test. The build itself is not measured here (npm run bench is).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../src/build/build.ts';
import { writeCorpus } from './bench/corpus.ts';
import { addStory } from './bench/edits.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const articles = Number(flag('articles', '1000').replace(/k$/i, '000'));
const parent = path.resolve(flag('dir', path.join(projectRoot, '.cache', 'bench-publish')));
const mib = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;

interface Run {
  seconds: number;
  rssKb: number;
  output: string;
  code: number | null;
}

function runPublish(env: NodeJS.ProcessEnv, args: string[], killAfterMs?: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/publish-rss.ts', 'src/cli.ts', 'publish', ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      const rssKb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(output)?.[1] ?? 0);
      resolve({ seconds: (performance.now() - started) / 1000, rssKb, output, code });
    }),
  );
}

const uploaded = (run: Run): string => {
  const match = /uploaded (\d+) file\(s\)[^,]*, (\d+) already in the bucket/.exec(run.output);
  return match ? `${match[1]} uploaded, ${match[2]} found already in the bucket` : 'no upload summary';
};

async function main(): Promise<void> {
  await mkdir(parent, { recursive: true });
  const folder = await mkdtemp(path.join(parent, 'publish-'));
  const contentDir = path.join(folder, 'content');
  const outputDir = path.join(folder, '_site');
  await mkdir(contentDir);
  const corpus = writeCorpus(contentDir, articles, 20261202);
  console.log(`Building ${articles} articles (search off) in ${folder} …`);
  await buildSite({ contentDir, outputDir, projectRoot, displayRoot: folder, search: false });
  const files = (await readdir(outputDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;

  const server = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/publish-rss.ts', 'scripts/bench/publish-server.ts', path.join(folder, 's3'), 'news', 'cut'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverErr = '';
  server.stderr?.on('data', (chunk: Buffer) => (serverErr += chunk.toString()));
  const purges: number[] = [];
  const [s3Origin, cdnOrigin] = await new Promise<string[]>((resolve) =>
    createInterface({ input: server.stdout as NonNullable<ChildProcess['stdout']> }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.split(' ').slice(1));
      if (line.startsWith('PURGE ')) purges.push(Number(line.slice(6)));
    }),
  );
  const env = (bucket: string): NodeJS.ProcessEnv => ({
    ...process.env, OSS_BUCKET: bucket, OSS_REGION: 'cn-hangzhou', OSS_ENDPOINT: s3Origin, S3_FORCE_PATH_STYLE: 'true', OSS_ACCESS_KEY_ID: 'S3RVER', OSS_ACCESS_KEY_SECRET: 'S3RVER',
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'bench-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'bench-secret', ALIYUN_CDN_ENDPOINT: cdnOrigin,
  });
  const empty = path.join(folder, 'empty.manifest.json');
  await writeFile(empty, '{"version":1,"files":[]}\n');
  const recorded = path.join(folder, 'recorded.manifest.json');
  const fetchRecord = async (bucket: string): Promise<void> => writeFile(recorded, await (await fetch(`${s3Origin}/${bucket}/.deploy/manifest.json`)).text());
  const common = ['--content', contentDir, '--output', outputDir, '--target', 'aliyun'];
  const lines: string[] = [`${articles} articles, ${files} files in the output`];

  const first = await runPublish(env('news'), [...common, '--diff', empty]);
  lines.push(`first publish: ${first.seconds.toFixed(1)} s, publish process ${mib(first.rssKb)}, ${uploaded(first)} (exit ${first.code})`);
  await fetchRecord('news');
  const again = await runPublish(env('news'), [...common, '--diff', recorded]);
  lines.push(`rerun, nothing changed: ${again.seconds.toFixed(1)} s, ${mib(again.rssKb)}, ${uploaded(again)} (exit ${again.code})`);

  addStory(contentDir, corpus, 20261203);
  await buildSite({ contentDir, outputDir, projectRoot, displayRoot: folder, search: false });
  purges.length = 0;
  const startedAt = Date.now();
  const story = await runPublish(env('news'), [...common, '--diff', recorded]);
  const toPurge = purges.length > 0 ? `${(((purges[0] as number) - startedAt) / 1000).toFixed(1)} s from start to the first purge request` : 'no purge request';
  lines.push(`one new story: ${story.seconds.toFixed(1)} s in all, ${toPurge} (process start included), ${mib(story.rssKb)}, ${uploaded(story)} (exit ${story.code})`);

  const cutAt = flag('cut-at', '') ? Number(flag('cut-at', '')) * 1000 : Math.round((0.2 + Math.random() * 0.6) * first.seconds * 1000);
  const cut = await runPublish(env('cut'), [...common, '--diff', empty], cutAt);
  const rerun = await runPublish(env('cut'), [...common, '--diff', empty]);
  lines.push(`killed after ${(cutAt / 1000).toFixed(1)} s (exit ${cut.code}), rerun: ${rerun.seconds.toFixed(1)} s, ${mib(rerun.rssKb)}, ${uploaded(rerun)} (exit ${rerun.code})`);
  for (const [name, run] of [['first publish', first], ['rerun', again], ['one new story', story], ['rerun after the kill', rerun]] as const) {
    if (run.code !== 0) lines.push(`${name} failed; its last lines:\n${run.output.trim().split('\n').slice(-8).join('\n')}`);
  }

  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('close', resolve));
  lines.push(`s3rver + CDN stand-in process: ${mib(Number(/BENCH_MAXRSS_KB (\d+)/.exec(serverErr)?.[1] ?? 0))}; benchmark process (generation + build): ${mib(process.resourceUsage().maxRSS)}`);
  console.log(`\nPublish benchmark (${folder}):\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

await main();
