// One build at a time per output folder. The lock is a marked folder beside the output (mkdir is
// atomic; owned-folders.ts) holding who took it (lock-holder.ts). A lock whose holder cannot still be
// running — a crash, kill -9, a reused pid, a host silent for longer than a build runs — is taken over;
// a folder of that name that no build made is refused, never removed (decision 15).
import { lstat, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BuildError } from './errors.ts';
import { currentHolder, holderState, parseHolder, STALE_AFTER_HOURS, type Holder } from './lock-holder.ts';
import type { BuildFolders } from './owned-folders.ts';

export { LockFileError } from './lock-holder.ts';

/** Raised when another running build holds the output; names it. */
export class OutputLockedError extends BuildError {
  constructor(output: string, holder: Holder, folder: string, local: boolean) {
    const who = `process ${holder.pid} on ${holder.host}, started ${holder.started} (${holder.command})`;
    const fix = local
      ? 'Wait for it to finish, or stop it; nothing was changed.'
      : `Wait for it to finish; nothing was changed. If host ${holder.host} is gone, delete the folder ${folder} (a lock from another host counts as stale after ${STALE_AFTER_HOURS} hours).`;
    super(`Another build is writing ${output}: ${who}. ${fix}`);
    this.name = 'OutputLockedError';
  }
}

export function lockFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.lock`;
}

export interface OutputLock {
  /** Why an earlier lock was taken over, for the build's report; undefined when there was none. */
  tookOver?: string;
  release(): Promise<void>;
}

const HOLDER = 'holder.json';

export async function lockOutput(folders: BuildFolders, display: (file: string) => string = (file) => file): Promise<OutputLock> {
  const folder = folders.pathOf('lock');
  const holderFile = path.join(folder, HOLDER);
  const me = `${JSON.stringify(await currentHolder(), null, 2)}\n`;
  // A lock written by an earlier version of the build holds only its holder.json (read below: a
  // malformed one is refused by name, a stale one taken over).
  const accept = async (lock: string): Promise<boolean> => {
    const names = await readdir(lock);
    return names.length === 1 && names[0] === HOLDER && (await lstat(path.join(lock, HOLDER))).isFile();
  };
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await folders.check('lock', { accept });
      await folders.make('lock');
      // Written beside and renamed in: a reader never sees half a holder.json.
      await writeFile(`${holderFile}.tmp`, me);
      await rename(`${holderFile}.tmp`, holderFile);
      return { ...(tookOver ? { tookOver } : {}), release: () => releaseIfMine(folders, holderFile, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let state = await stateOf(holderFile, display, folders);
      // A holder being written this instant: give it a moment before deciding.
      if (state === 'missing') {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = await stateOf(holderFile, display, folders);
      }
      if (typeof state === 'object') throw new OutputLockedError(display(folders.output), state.holder, display(folder), state.local);
      if (state !== 'missing') tookOver = `The lock ${display(folder)} was taken over: ${state}.`;
      await folders.remove('lock', { accept });
    }
  }
  throw new BuildError(`Could not take the lock ${display(folder)} after three tries; another build may be starting. Try again.`);
}

/** 'missing', a running holder, or why the holder is stale. */
async function stateOf(file: string, display: (file: string) => string, folders: BuildFolders): Promise<'missing' | string | { holder: Holder; local: boolean }> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return 'missing';
  const holder = parseHolder(text, display(file), display(folders.pathOf('lock')));
  const state = await holderState(holder);
  return state.running ? { holder, local: holder.host === os.hostname() } : state.why;
}

/** Removes the lock only while it is still this build's: a build that took it over keeps it. */
async function releaseIfMine(folders: BuildFolders, holderFile: string, me: string): Promise<void> {
  const text = await readFile(holderFile, 'utf8').catch(() => undefined);
  if (text === me) await folders.remove('lock');
}
