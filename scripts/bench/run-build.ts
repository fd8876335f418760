// One measured `build` of the benchmark corpus in a child process, and what it printed: the mode
// (full, incremental, shard, merge), pages rendered and reused, and the build's own step timings.
import path from 'node:path';
import { measureProcess, type Measurement } from './measure.ts';

export interface BuildRun {
  label: string;
  measurement: Measurement;
  /** From the CLI's "Built …" line. */
  mode?: string;
  rendered?: number;
  reused?: number;
  /** `--timings` lines: step name → seconds. */
  steps: { step: string; seconds: number }[];
}

export interface BuildCall {
  label: string;
  projectRoot: string;
  contentDir: string;
  outputDir: string;
  /** Extra CLI arguments: --full, --no-search, --shard 1/4, --merge A --merge B … */
  args: readonly string[];
  heapMb?: number;
  profileDir?: string;
}

export async function runBuild(call: BuildCall): Promise<BuildRun> {
  const nodeArgs = [
    ...(call.heapMb ? [`--max-old-space-size=${call.heapMb}`] : []),
    ...(call.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${call.profileDir}`] : []),
    '--import', 'tsx', 'src/cli.ts', 'build', '--content', call.contentDir, '--output', call.outputDir, '--timings', ...call.args,
  ];
  // GNU time writes its report beside the output folder, so parallel shards do not share one file.
  const measurement = await measureProcess(process.execPath, nodeArgs, call.projectRoot, path.dirname(call.outputDir), `.bench-time-${path.basename(call.outputDir)}.txt`);
  return { label: call.label, measurement, ...parseBuilt(measurement.stdout), steps: parseSteps(measurement.stdout) };
}

/** "… in 12.3 s (incremental build: 40 pages rendered, 16000 reused)." */
export function parseBuilt(stdout: string): Pick<BuildRun, 'mode' | 'rendered' | 'reused'> {
  const match = /\((full build|incremental build|shard [\d/]+|merge of \d+ shards)[^:]*: (\d+) pages rendered, (\d+) reused\)/.exec(stdout);
  if (!match) return {};
  const mode = (match[1] as string).replace(/ build$/, '').replace(/^shard .*/, 'shard').replace(/^merge .*/, 'merge');
  return { mode, rendered: Number(match[2]), reused: Number(match[3]) };
}

export function parseSteps(stdout: string): BuildRun['steps'] {
  return stdout
    .split('\n')
    .map((line) => /^\s+(\d+\.\d+) s {2}(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ step: (match[2] as string).trim(), seconds: Number(match[1]) }));
}

export function failed(run: BuildRun): string | undefined {
  const { measurement: m } = run;
  if (m.exitCode === 0) return undefined;
  const why = m.note ?? `exit code ${m.exitCode}, signal ${m.signal}`;
  const tail = (m.stderr.trim() || m.stdout.trim() || '(nothing printed)').split('\n').slice(-12).join('\n');
  return `${run.label}: the build failed (${why}) after ${(m.wallMs / 1000).toFixed(1)} s\n${tail}`;
}
