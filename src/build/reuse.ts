// Reusing unchanged pages: a page whose input digest equals the one recorded for it in a previous
// output (or a shard's output) is taken into the staging folder instead of rendered — but only a
// regular file inside that folder (never through a link) whose bytes hash to what the state recorded
// when they were written. Size and mtime prove nothing: a restored backup, a hand edit with its mtime
// set back or a planted link all keep them. A page that fails is rendered fresh (decision 12).
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, realpath, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestFile } from '../publish/manifest.ts';
import { isInside } from './output-guard.ts';
import type { PlannedPage } from './plan.ts';
import type { PageState, ReuseSource } from './state.ts';

const BATCH = 64;

export interface ReuseResult {
  /** Files taken into staging, with their manifest entries (hashed here, not again). */
  reused: Map<string, ManifestFile>;
  /** Pages that must be rendered. */
  render: PlannedPage[];
}

export async function reusePages(pages: readonly PlannedPage[], sources: readonly ReuseSource[], staging: string): Promise<ReuseResult> {
  const reused = new Map<string, ManifestFile>();
  const render: PlannedPage[] = [];
  const folders = new Set<string>();
  for (let start = 0; start < pages.length; start += BATCH) {
    const batch = pages.slice(start, start + BATCH);
    const outcomes = await Promise.all(batch.map((page) => reuseOne(page, sources, staging, folders)));
    batch.forEach((page, index) => {
      const entry = outcomes[index];
      if (entry) reused.set(page.file, entry);
      else render.push(page);
    });
  }
  return { reused, render };
}

async function reuseOne(page: PlannedPage, sources: readonly ReuseSource[], staging: string, folders: Set<string>): Promise<ManifestFile | undefined> {
  for (const source of sources) {
    const recorded = source.pages.get(page.file);
    if (!recorded || recorded.digest !== page.digest) continue;
    const from = path.join(source.folder, page.file);
    const verified = await readVerified(source, from, recorded);
    if (!verified) continue;
    const to = path.join(staging, page.file);
    const folder = path.dirname(to);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      // The output being replaced is linked (it goes away after the swap) when the link is the file
      // that was verified; a shard's file is copied, so a later change there cannot reach the site.
      if (!source.own || !(await linkSame(from, to, verified.ino))) await writeFile(to, verified.bytes, { flag: 'wx' });
    } catch {
      await unlink(to).catch(() => undefined);
      continue;
    }
    return { path: page.file, size: verified.bytes.length, sha256: recorded.sha256 };
  }
  return undefined;
}

/** The file's bytes when it is a regular file inside the source whose bytes match `recorded`. */
async function readVerified(source: ReuseSource, file: string, recorded: PageState): Promise<{ bytes: Buffer; ino: number } | undefined> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size !== recorded.size) return undefined;
    const parent = await realpath(path.dirname(file));
    if (parent !== source.real && !isInside(source.real, parent)) return undefined;
    const bytes = await handle.readFile();
    if (createHash('sha256').update(bytes).digest('hex') !== recorded.sha256) return undefined;
    return { bytes, ino: stats.ino };
  } finally {
    await handle.close();
  }
}

/** Hard-links `from` to `to`; true when the new name is the very file that was verified. */
async function linkSame(from: string, to: string, ino: number): Promise<boolean> {
  const linked = await link(from, to).then(() => true, () => false);
  if (!linked) return false;
  const stats = await lstat(to);
  if (stats.isFile() && stats.ino === ino) return true;
  await unlink(to);
  return false;
}
