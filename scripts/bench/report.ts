// The benchmark's summary, as the lines a person reads after a run.
import type { CorpusStats } from './corpus.ts';
import type { FileCount, Measurement } from './measure.ts';

/** ARCHITECTURE decision 2: 10,000 articles in under 20 s and under 1.5 GiB on a 2-core machine. */
export const TARGET = { articles: 10_000, seconds: 20, gibibytes: 1.5 };

export interface BenchResult {
  corpus: CorpusStats;
  generationMs: number;
  folder: string;
  kept: boolean;
  build: Measurement;
  output: FileCount;
  heapMb?: number;
  /** CPU seconds other processes used while the build ran, and the machine's cores. */
  machine: { otherCpuSeconds?: number; cores: number };
}

const GNU_TIME_NAME = 'time -v';
const count = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const mebibytes = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

/** "Built 9950 articles into …: 24000 pages, 24001 files in 17.3 s." from src/cli.ts. */
export function parseBuildLine(stdout: string): { published: number; seconds: number } | undefined {
  const match = /Built (\d+) articles .*? in ([\d.]+) s\./.exec(stdout);
  return match ? { published: Number(match[1]), seconds: Number(match[2]) } : undefined;
}

export function formatSummary({ corpus, generationMs, folder, kept, build, output, heapMb, machine }: BenchResult): string {
  const reported = parseBuildLine(build.stdout);
  const tags = corpus.topTags.map((tag) => `${tag.name} ${percent(tag.share)}`).join(', ');
  const lines = [
    `Broadsheet build benchmark: ${count(corpus.articles)} articles`,
    `  corpus      ${count(corpus.sections)} sections, ${count(corpus.tagsUsed)} tags in use (most used: ${tags}), ${count(corpus.authors)} authors,`,
    `              ${count(corpus.featured)} featured, ${count(corpus.drafts)} drafts, ${count(corpus.bodyCharacters)} characters per body on average, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB`,
    `  generated   in ${seconds(generationMs)}  (${folder}${kept ? ', kept' : ', removed'})`,
    `  build       wall ${seconds(build.wallMs)}, ${(build.wallMs / Math.max(1, corpus.articles)).toFixed(2)} ms per article` +
      (reported ? `  (the build reports ${reported.seconds.toFixed(1)} s for ${count(reported.published)} published articles)` : ''),
    ...cpuLines(build),
    `  memory      peak RSS ${build.peakRssKiB === undefined ? 'not measured' : mebibytes(build.peakRssKiB)}  (${build.rssSource}${heapMb ? `; --max-old-space-size=${heapMb}` : ''})` +
      (build.tree ? `; whole process tree ${mebibytes(build.tree.peakKiB)} (sampled)` : ''),
    `  output      ${count(output.pages)} pages (HTML), ${count(output.files)} files`,
  ];
  if (machine.otherCpuSeconds !== undefined) {
    const cores = machine.otherCpuSeconds / Math.max(0.001, build.wallMs / 1000);
    lines.push(`  machine     other processes used ${cores.toFixed(2)} of ${machine.cores} cores during the build` +
      (cores > 0.25 ? ': the wall time is inflated, measure again on a quiet machine' : ''));
  }
  if (corpus.articles >= TARGET.articles) lines.push(`  target      ${targetLine(build)}`);
  return lines.join('\n');
}

function cpuLines(build: Measurement): string[] {
  const parts = [
    ...(build.cpu ? [`${build.cpu.user.toFixed(1)} s user + ${build.cpu.system.toFixed(1)} s system (${GNU_TIME_NAME})`] : []),
    ...(build.tree ? [`${build.tree.cpuSeconds.toFixed(1)} s over the whole process tree (sampled)`] : []),
  ];
  return parts.length > 0 ? [`  cpu         ${parts.join('; ')}`] : [];
}

function targetLine(build: Measurement): string {
  const treeKiB = build.tree?.peakKiB ?? 0;
  const peakKiB = Math.max(build.peakRssKiB ?? 0, treeKiB);
  const which = peakKiB === treeKiB ? 'whole process tree' : 'build process';
  const fast = build.wallMs / 1000 < TARGET.seconds;
  const small = peakKiB > 0 && peakKiB / 1024 / 1024 < TARGET.gibibytes;
  const memory = peakKiB > 0 ? `${(peakKiB / 1024 / 1024).toFixed(2)} GiB ${small ? '<' : '>='} ${TARGET.gibibytes} GiB (${which})` : 'memory not measured';
  return `${fast && small ? 'met' : 'NOT met'} (${count(TARGET.articles)} articles in < ${TARGET.seconds} s and < ${TARGET.gibibytes} GiB): ` +
    `${(build.wallMs / 1000).toFixed(1)} s ${fast ? '<' : '>='} ${TARGET.seconds} s, ${memory}`;
}
