// One build at a time per output folder. The lock is a folder beside the output (mkdir is atomic)
// holding who took it; a lock whose holder is no longer running (a crash, kill -9) is taken over.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BuildError } from './errors.ts';

interface Holder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

/** Raised when another running build holds the output; names it. */
export class OutputLockedError extends BuildError {
  constructor(output: string, holder: Holder) {
    super(
      `Another build is writing ${output}: process ${holder.pid} on ${holder.host}, started ${holder.started} (${holder.command}). Wait for it to finish, or stop it; nothing was changed.`,
    );
    this.name = 'OutputLockedError';
  }
}

export function lockFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.lock`;
}

export interface OutputLock {
  release(): Promise<void>;
}

export async function lockOutput(output: string): Promise<OutputLock> {
  const folder = lockFolderFor(output);
  const holderFile = path.join(folder, 'holder.json');
  const me: Holder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: process.argv.slice(1).join(' ') };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await mkdir(path.dirname(folder), { recursive: true });
      await mkdir(folder);
      await writeFile(holderFile, `${JSON.stringify(me, null, 2)}\n`);
      return { release: () => rm(folder, { recursive: true, force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(holderFile);
      if (holder && isRunning(holder)) throw new OutputLockedError(output, holder);
      // The holder crashed (or is being written this instant: give it a moment before taking over).
      if (!holder) await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await readHolder(holderFile);
      if (again && isRunning(again)) throw new OutputLockedError(output, again);
      await rm(folder, { recursive: true, force: true });
    }
  }
  throw new BuildError(`Could not take the lock ${folder} after three tries; another build may be starting. Try again.`);
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** A holder on another machine (a shared disk) is trusted to be running. */
function isRunning(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
