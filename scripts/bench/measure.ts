// Runs one child process and measures it: wall time, CPU time and peak resident memory. Peak RSS comes
// from GNU time's "Maximum resident set size" when /usr/bin/time exists, else from polling VmHWM in
// /proc; the whole process tree's memory and CPU are sampled beside it (tree.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sampleTree, type TreeUsage } from './tree.ts';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;
const TREE_POLL_MS = 200;

export interface Measurement {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak resident set size of the largest single process, in KiB, when it could be measured. */
  peakRssKiB?: number;
  rssSource: string;
  /** The child and all its descendants, sampled (tree.ts). */
  tree?: TreeUsage;
  /** CPU seconds in user and kernel mode, the child and what it waited for (GNU time only). */
  cpu?: { user: number; system: number };
  stdout: string;
  stderr: string;
  /** GNU time's own line about a failed command, e.g. "Command terminated by signal 6". */
  note?: string;
}

/** Runs `command args` in `cwd`; `scratch` is a folder where the time report may be written, as `reportName`. */
export async function measureProcess(command: string, args: readonly string[], cwd: string, scratch: string, reportName = '.bench-time.txt'): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const report = path.join(scratch, reportName);
  const [program, programArgs] = useTime ? [GNU_TIME, ['-v', '-o', report, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(program, programArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const tree = child.pid === undefined ? undefined : sampleTree(child.pid, TREE_POLL_MS);

  let polledKiB: number | undefined;
  const poll = useTime || child.pid === undefined ? undefined : setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8').then(
      (status) => {
        const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
        if (Number.isFinite(kib)) polledKiB = Math.max(polledKiB ?? 0, kib);
      },
      () => undefined,
    );
  }, POLL_MS);

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, killedBy) => resolve([code, killedBy]));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  const treeUsage = await tree?.stop();

  let peakRssKiB = polledKiB;
  let rssSource = polledKiB === undefined ? 'unavailable' : `/proc VmHWM of the build process, polled every ${POLL_MS} ms`;
  let note: string | undefined;
  let cpu: Measurement['cpu'];
  if (useTime) {
    const text = await readFile(report, 'utf8').catch(() => '');
    await rm(report, { force: true });
    note = /^Command (?:exited|terminated).*$/m.exec(text)?.[0];
    const field = (label: string): number => Number(new RegExp(`${label}:\\s*([\\d.]+)`).exec(text)?.[1]);
    const [kib, user, system] = [field('Maximum resident set size \\(kbytes\\)'), field('User time \\(seconds\\)'), field('System time \\(seconds\\)')];
    if (Number.isFinite(kib)) {
      peakRssKiB = kib;
      rssSource = `${GNU_TIME} -v: the largest process it waited for`;
    }
    if (Number.isFinite(user) && Number.isFinite(system)) cpu = { user, system };
  }
  return {
    exitCode,
    signal,
    wallMs,
    ...(peakRssKiB === undefined ? {} : { peakRssKiB }),
    rssSource,
    ...(treeUsage ? { tree: treeUsage } : {}),
    ...(cpu ? { cpu } : {}),
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    ...(note ? { note } : {}),
  };
}

export interface FileCount {
  pages: number;
  files: number;
  bytes: number;
}

/** HTML pages, all files and their bytes under a folder; zero when it does not exist. */
export async function countFiles(folder: string): Promise<FileCount> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile());
  let bytes = 0;
  for (let start = 0; start < files.length; start += 256) {
    const sizes = await Promise.all(files.slice(start, start + 256).map((entry) => stat(path.join(entry.parentPath, entry.name)).then((info) => info.size, () => 0)));
    bytes += sizes.reduce((sum, size) => sum + size, 0);
  }
  return { pages: files.filter((entry) => entry.name.endsWith('.html')).length, files: files.length, bytes };
}
