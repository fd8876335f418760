// Reusing unchanged pages: a page whose input digest equals the one recorded for it in a previous
// output (or a shard's output) is linked into the staging folder instead of rendered. The previous
// output is removed after the swap, so the link leaves the new file with one name again. A file edited
// by hand since that build (its size no longer matches its manifest, or it is newer than the state
// file, which a build writes after every page) is rendered instead: the manifest's hash would lie.
import { copyFile, link, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestFile } from '../publish/manifest.ts';
import type { PlannedPage } from './plan.ts';
import { statePathFor, type ReuseSource } from './state.ts';

const BATCH = 64;

export interface ReuseResult {
  /** Files linked into staging, with their manifest entries (not hashed again). */
  reused: Map<string, ManifestFile>;
  /** Pages that must be rendered. */
  render: PlannedPage[];
}

export async function reusePages(pages: readonly PlannedPage[], sources: readonly ReuseSource[], staging: string): Promise<ReuseResult> {
  const reused = new Map<string, ManifestFile>();
  const render: PlannedPage[] = [];
  const folders = new Set<string>();
  const written = new Map<string, Promise<number>>();
  for (let start = 0; start < pages.length; start += BATCH) {
    const batch = pages.slice(start, start + BATCH);
    const outcomes = await Promise.all(batch.map((page) => reuseOne(page, sources, staging, folders, written)));
    batch.forEach((page, index) => {
      const entry = outcomes[index];
      if (entry) reused.set(page.file, entry);
      else render.push(page);
    });
  }
  return { reused, render };
}

/** When the source's state file was written: no page of that build is newer unless edited since. */
function stateWritten(source: ReuseSource, written: Map<string, Promise<number>>): Promise<number> {
  let time = written.get(source.folder);
  if (!time) written.set(source.folder, (time = stat(statePathFor(source.folder)).then((state) => state.mtimeMs, () => -Infinity)));
  return time;
}

async function reuseOne(page: PlannedPage, sources: readonly ReuseSource[], staging: string, folders: Set<string>, written: Map<string, Promise<number>>): Promise<ManifestFile | undefined> {
  for (const source of sources) {
    const entry = source.files.get(page.file);
    if (!entry || source.pages.get(page.file) !== page.digest) continue;
    const from = path.join(source.folder, page.file);
    const found = await stat(from).catch(() => undefined);
    if (!found || found.size !== entry.size || found.mtimeMs > (await stateWritten(source, written))) continue;
    const to = path.join(staging, page.file);
    const folder = path.dirname(to);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === 'EXDEV' || error.code === 'EPERM') await copyFile(from, to);
        else throw error;
      });
    } catch {
      continue;
    }
    return entry;
  }
  return undefined;
}
