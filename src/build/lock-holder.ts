// Who holds an output's lock, and whether that holder can still be running. A holder records its pid
// with the process's start time (Linux: /proc/PID/stat field 22, with the boot id), so a pid reused by
// another process after a crash is not taken for the build; a holder on another host cannot be asked,
// so it is trusted for STALE_AFTER_HOURS and then taken over.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { BuildError } from './errors.ts';

export const STALE_AFTER_HOURS = 6;

export interface Holder {
  pid: number;
  host: string;
  started: string;
  command: string;
  /** Start time of the process in clock ticks after boot, where the system tells it. */
  startTicks?: number;
  bootId?: string;
}

/** Raised when a lock's holder.json is not a lock record; names the file. */
export class LockFileError extends BuildError {
  constructor(file: string, why: string, folder: string) {
    super(`The lock file ${file} ${why}, so it does not say whether another build holds the output. If no build is running on any machine that writes this output, delete the folder ${folder} and build again.`);
    this.name = 'LockFileError';
  }
}

/** This process as a holder. */
export async function currentHolder(): Promise<Holder> {
  const [startTicks, bootId] = await Promise.all([startTicksOf(process.pid), readBootId()]);
  return {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    ...(startTicks !== undefined ? { startTicks } : {}),
    ...(bootId ? { bootId } : {}),
  };
}

/** The holder in `text`; throws LockFileError (naming `file`) when it is not a lock record. */
export function parseHolder(text: string, file: string, folder: string): Holder {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LockFileError(file, 'is not JSON', folder);
  }
  const holder = value as Partial<Holder> | null;
  if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) throw new LockFileError(file, 'is not a JSON object', folder);
  if (typeof holder.host !== 'string' || typeof holder.started !== 'string') throw new LockFileError(file, 'has no "host" and "started" text', folder);
  return { pid: holder.pid as number, host: holder.host, started: holder.started, command: String(holder.command ?? ''), ...(typeof holder.startTicks === 'number' ? { startTicks: holder.startTicks } : {}), ...(typeof holder.bootId === 'string' ? { bootId: holder.bootId } : {}) };
}

export type HolderState = { running: true } | { running: false; why: string };

/** Whether the holder can still be the build that took the lock. */
export async function holderState(holder: Holder, now = Date.now()): Promise<HolderState> {
  if (!Number.isSafeInteger(holder.pid) || holder.pid < 1) return { running: false, why: `its pid ${JSON.stringify(holder.pid)} is not a process id` };
  const started = Date.parse(holder.started);
  if (holder.host !== os.hostname()) {
    if (!Number.isFinite(started)) return { running: false, why: `its start time "${holder.started}" is not a time` };
    const hours = (now - started) / 3_600_000;
    if (hours > STALE_AFTER_HOURS) return { running: false, why: `it was taken on host ${holder.host} ${Math.floor(hours)} hours ago, longer than a build runs (${STALE_AFTER_HOURS} hours)` };
    return { running: true };
  }
  if (!isAlive(holder.pid)) return { running: false, why: `process ${holder.pid} is not running` };
  const [ticks, bootId] = await Promise.all([startTicksOf(holder.pid), readBootId()]);
  if (ticks === undefined) return { running: true };
  if (holder.bootId && bootId && holder.bootId !== bootId) return { running: false, why: 'the machine has restarted since' };
  if (holder.startTicks !== undefined) {
    return holder.startTicks === ticks ? { running: true } : { running: false, why: `process ${holder.pid} is another program that reuses its number` };
  }
  // A holder without a start time (an older build): the process must have started before the lock.
  const processStarted = await startTimeOf(ticks);
  if (!Number.isFinite(started)) return { running: false, why: `its start time "${holder.started}" is not a time` };
  if (processStarted !== undefined && processStarted > started + 5_000) return { running: false, why: `process ${holder.pid} started after the lock was taken, so it is another program` };
  return { running: true };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function startTicksOf(pid: number): Promise<number | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime 22.
  const fields = text?.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields?.[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

async function readBootId(): Promise<string | undefined> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => ''))?.trim() || undefined;
}

/** Wall-clock start of a process from its start ticks (boot time from /proc/stat; 100 ticks a second). */
async function startTimeOf(ticks: number): Promise<number | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const boot = Number(/^btime (\d+)$/m.exec(stat)?.[1]);
  return Number.isFinite(boot) && boot > 0 ? boot * 1000 + (ticks / 100) * 1000 : undefined;
}
