// Nothing half-written reaches readers: a build goes to a staging folder beside the output and is
// swapped in by rename only when every step succeeded (decision 8). Only the holder of the output's
// lock (lock.ts) calls these, so no two builds share a staging folder. The staging and previous folders
// are marked wrappers (owned-folders.ts, decision 15): the site is built in OUT.staging/site, and the
// old output waits in OUT.previous/site, so no marker of theirs ever lands in the output.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildFolders } from './owned-folders.ts';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-guard.ts';

/** The site inside a staging or previous folder. */
const SITE = 'site';

export function stagingFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.staging`;
}

/** A fresh staging folder; leftovers of a crashed build (its own staging, previous) are removed first. */
export async function prepareStaging(folders: BuildFolders): Promise<string> {
  await folders.remove('staging');
  await folders.remove('previous');
  const site = path.join(await folders.make('staging'), SITE);
  await mkdir(site);
  return site;
}

/** Marks a finished staging folder as a build's output (see output-guard.ts). */
export async function markAsOutput(staging: string): Promise<void> {
  await writeFile(path.join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
}

export async function discardStaging(folders: BuildFolders): Promise<void> {
  await folders.remove('staging');
}

/**
 * Replaces the output with the staged site by two renames; the old output is left in the marked
 * previous folder, for removePrevious once the new site is live (or for the next build, after a crash).
 */
export async function swapIn(folders: BuildFolders): Promise<void> {
  const target = folders.output;
  await folders.remove('previous');
  const previous = path.join(await folders.make('previous'), SITE);
  try {
    await rename(target, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(path.join(folders.pathOf('staging'), SITE), target);
  } catch (error) {
    await rename(previous, target).catch(() => undefined);
    throw error;
  }
  await folders.remove('staging');
}

/** Removes the old output set aside by swapIn (a marked folder: owned-folders.ts). */
export async function removePrevious(folders: BuildFolders): Promise<void> {
  await folders.remove('previous');
}
