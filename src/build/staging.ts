// Nothing half-written reaches readers: a build goes to a staging folder beside the output and is
// swapped in by rename only when every step succeeded (ARCHITECTURE decision 8).
import { mkdir, rename, rm } from 'node:fs/promises';

export function stagingFolderFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.staging`;
}

export async function prepareStaging(output: string): Promise<string> {
  const staging = stagingFolderFor(output);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

export async function discardStaging(output: string): Promise<void> {
  await rm(stagingFolderFor(output), { recursive: true, force: true });
}

/** Replaces `output` with the staging folder; the old output is removed only after the swap. */
export async function swapIn(output: string): Promise<void> {
  const target = output.replace(/[\\/]+$/, '');
  const previous = `${target}.previous`;
  await rm(previous, { recursive: true, force: true });
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
  await rm(previous, { recursive: true, force: true });
}
