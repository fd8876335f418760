// Nothing half-written reaches readers: a build goes to a staging folder beside the output and is
// swapped in by rename only when every step succeeded (ARCHITECTURE decision 8). Only the holder of
// the output's lock (lock.ts) calls these, so no two builds share a staging folder.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-guard.ts';

export function stagingFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.staging`;
}

function previousFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.previous`;
}

/** A fresh staging folder; leftovers of a crashed build (staging, previous) are removed first. */
export async function prepareStaging(output: string): Promise<string> {
  const staging = stagingFolderFor(output);
  await removeFolder(staging);
  await removeFolder(previousFolderFor(output));
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Marks a finished staging folder as a build's output (see output-guard.ts). */
export async function markAsOutput(staging: string): Promise<void> {
  await writeFile(path.join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
}

export async function discardStaging(output: string): Promise<void> {
  await removeFolder(stagingFolderFor(output));
}

/** Replaces `output` with the staging folder; the old output is removed only after the swap. */
export async function swapIn(output: string): Promise<void> {
  const target = output.replace(/[\\/]+$/, '');
  const previous = previousFolderFor(target);
  await removeFolder(previous);
  try {
    await rename(target, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(stagingFolderFor(target), target);
  } catch (error) {
    await rename(previous, target).catch(() => undefined);
    throw error;
  }
  await removeFolder(previous);
}

/** rm -rf that retries on ENOTEMPTY/EBUSY (a folder still being written to by a closing handle). */
function removeFolder(folder: string): Promise<void> {
  return rm(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
}
