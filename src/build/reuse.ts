// Reusing unchanged pages: a page whose input digest equals the one recorded for it in a previous
// output (or a shard's output) is taken into the staging folder instead of rendered — but only a
// regular file inside that folder (never through a link) that is the very file the state recorded:
// in the live output, one whose identity (file-identity.ts: inode, size, mtime and ctime) is unchanged
// is trusted without reading it; any other is read and its bytes must hash to what the state
// recorded. Size and mtime alone prove nothing: a restored backup, a hand edit with its mtime set back
// or a planted link all keep them, but none keeps the inode and ctime. A page that fails is rendered
// fresh (decision 12).
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, realpath, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestFile } from '../publish/manifest.ts';
import { identityOf, sameIdentity, type FileIdentity } from './file-identity.ts';
import { isInside } from './output-guard.ts';
import type { PlannedPage } from './plan.ts';
import type { PageState, ReuseSource } from './state.ts';

const BATCH = 64;

export interface ReuseResult {
  /** Files taken into staging, with their manifest entries (hashed here, not again). */
  reused: Map<string, ManifestFile>;
  /** The identity of each reused file in staging (a new link changed its ctime). */
  identities: Map<string, FileIdentity>;
  /** Pages that must be rendered. */
  render: PlannedPage[];
  /** Pages trusted by their identity, without reading them. */
  trusted: number;
}

interface Reused {
  entry: ManifestFile;
  identity: FileIdentity;
  trusted: boolean;
}

export async function reusePages(pages: readonly PlannedPage[], sources: readonly ReuseSource[], staging: string): Promise<ReuseResult> {
  const reused = new Map<string, ManifestFile>();
  const identities = new Map<string, FileIdentity>();
  const render: PlannedPage[] = [];
  const folders = new Set<string>();
  const reals = new Map<string, Promise<string | undefined>>();
  let trusted = 0;
  for (let start = 0; start < pages.length; start += BATCH) {
    const batch = pages.slice(start, start + BATCH);
    const outcomes = await Promise.all(batch.map((page) => reuseOne(page, sources, staging, folders, reals)));
    batch.forEach((page, index) => {
      const outcome = outcomes[index];
      if (!outcome) return render.push(page);
      reused.set(page.file, outcome.entry);
      identities.set(page.file, outcome.identity);
      if (outcome.trusted) trusted += 1;
    });
  }
  return { reused, identities, render, trusted };
}

async function reuseOne(page: PlannedPage, sources: readonly ReuseSource[], staging: string, folders: Set<string>, reals: Map<string, Promise<string | undefined>>): Promise<Reused | undefined> {
  for (const source of sources) {
    const recorded = source.pages.get(page.file);
    if (!recorded || recorded.digest !== page.digest) continue;
    const from = path.join(source.folder, page.file);
    const parent = path.dirname(from);
    if (!reals.has(parent)) reals.set(parent, realpath(parent).catch(() => undefined));
    const real = await reals.get(parent);
    if (real === undefined || (real !== source.real && !isInside(source.real, real))) continue;
    if (source.own && recorded.identity && sameIdentity(await identityOf(from), recorded.identity)) {
      const identity = await linkTrusted(from, path.join(staging, page.file), recorded.identity, folders);
      if (identity) return { entry: { path: page.file, size: recorded.size, sha256: recorded.sha256 }, identity, trusted: true };
      continue;
    }
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
    const identity = await identityOf(to);
    if (identity) return { entry: { path: page.file, size: verified.bytes.length, sha256: recorded.sha256 }, identity, trusted: false };
  }
  return undefined;
}

/** Links a page trusted by its identity into staging; its new identity when the link is that file. */
async function linkTrusted(from: string, to: string, recorded: FileIdentity, folders: Set<string>): Promise<FileIdentity | undefined> {
  const folder = path.dirname(to);
  if (!folders.has(folder)) {
    await mkdir(folder, { recursive: true });
    folders.add(folder);
  }
  if (!(await link(from, to).then(() => true, () => false))) return undefined;
  const identity = await identityOf(to);
  if (identity && identity.dev === recorded.dev && identity.ino === recorded.ino && identity.size === recorded.size && identity.mtimeNs === recorded.mtimeNs) return identity;
  await unlink(to).catch(() => undefined);
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
