// Runs one child process and measures it: wall time and peak resident memory. Peak RSS comes from
// GNU time's "Maximum resident set size" when /usr/bin/time exists, else from polling VmHWM in /proc.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;

export interface Measurement {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak resident set size in KiB, when it could be measured. */
  peakRssKiB?: number;
  rssSource: string;
  stdout: string;
  stderr: string;
}

/** Runs `command args` in `cwd`; `scratch` is a folder where the time report may be written. */
export async function measureProcess(command: string, args: readonly string[], cwd: string, scratch: string): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const report = path.join(scratch, '.bench-time.txt');
  const [program, programArgs] = useTime ? [GNU_TIME, ['-v', '-o', report, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(program, programArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

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

  let peakRssKiB = polledKiB;
  let rssSource = polledKiB === undefined ? 'unavailable' : `/proc/<pid>/status VmHWM, polled every ${POLL_MS} ms`;
  if (useTime) {
    const text = await readFile(report, 'utf8').catch(() => '');
    const kib = Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text)?.[1]);
    if (Number.isFinite(kib)) {
      peakRssKiB = kib;
      rssSource = `${GNU_TIME} -v`;
    }
    await rm(report, { force: true });
  }
  return {
    exitCode,
    signal,
    wallMs,
    ...(peakRssKiB === undefined ? {} : { peakRssKiB }),
    rssSource,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: stripTimeReport(Buffer.concat(stderr).toString('utf8')),
  };
}

/** GNU time adds "Command exited with non-zero status N" to stderr; the report itself goes to a file. */
function stripTimeReport(stderr: string): string {
  return stderr.replace(/^Command (exited with non-zero status|terminated by signal) \d+\n?/m, '');
}

export interface FileCount {
  pages: number;
  files: number;
}

/** HTML pages and all files under a folder; zero when it does not exist. */
export async function countFiles(folder: string): Promise<FileCount> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile());
  return { pages: files.filter((entry) => entry.name.endsWith('.html')).length, files: files.length };
}
