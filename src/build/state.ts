// Build state: for every page of an output folder, its input digest, the SHA-256 and size of the bytes
// the build wrote and the file's identity (file-identity.ts); for every article file, its identity and
// the SHA-256 of its text; for every content-cache entry the build read or wrote, its identity. It is
// kept beside the output (`_site.state.lmdb`, never published) with the deploy manifest. A later build
// reuses a page whose digest is unchanged and whose file still has that identity (else whose bytes still
// hash to what the state records, reuse.ts), and takes an article whose file has its identity from the
// content cache without reading it (content-files.ts). State that is missing means a full build; state
// that is unreadable, of another version, or that names a path outside the output is damaged: a full
// build that says so.
import { realpath, unlink } from 'node:fs/promises';
import { manifestPathFor, readManifest, sitePathProblem } from '../publish/manifest.ts';
import { identityProblem, type FileIdentity } from './file-identity.ts';
import { loadStore, saveStore, type StoredState } from './state-store.ts';

export const STATE_VERSION = '4';

export interface PageState {
  digest: string;
  sha256: string;
  size: number;
  /** The page file as this build left it; absent when unknown (then its bytes are hashed). */
  identity?: FileIdentity;
}

/** An article file as the build last read it: its identity then and the SHA-256 of its bytes. */
export interface ContentFileState {
  identity: FileIdentity;
  sha256: string;
}

export interface ContentState {
  /** The content folder by real path: records of another folder are not used. */
  root: string;
  /** Article id (path inside the content folder) → its file as last read. */
  files: Map<string, ContentFileState>;
  /** Content-cache key → the identity of its entry file when it was written or verified. */
  entries: Map<string, FileIdentity>;
}


export function statePathFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.state.lmdb`;
}

/** A folder whose pages can be reused: the real path of the folder and its state. */
export interface ReuseSource {
  folder: string;
  /** The folder by real path: a reused file must be inside it. */
  real: string;
  /** The output being replaced (hard-linked from) rather than a shard (copied from). */
  own: boolean;
  pages: ReadonlyMap<string, PageState>;
  content?: ContentState;
  /** The store's entries as loaded, so saving writes only what changed. */
  stored?: StoredState;
}

export type ReadSource = { source: ReuseSource } | { missing: true } | { damaged: string };

export async function readReuseSource(folder: string, own: boolean): Promise<ReadSource> {
  const file = statePathFor(folder);
  let stored: StoredState | 'missing';
  try {
    stored = await loadStore(file);
  } catch (error) {
    return { damaged: `${file} could not be read (${(error as Error).message})` };
  }
  if (stored === 'missing') return { missing: true };
  const real = await realpath(folder).catch(() => undefined);
  if (!real) return { missing: true };
  try {
    const { pages, content } = parseState(stored);
    await readManifest(manifestPathFor(folder));
    return { source: { folder, real, own, pages, stored, ...(content ? { content } : {}) } };
  } catch (error) {
    return { damaged: `${file} or its manifest is damaged: ${(error as Error).message}` };
  }
}

const HEX = /^[0-9a-f]{64}$/;

function parseState(stored: StoredState): { pages: Map<string, PageState>; content?: ContentState } {
  if (stored.version !== STATE_VERSION) throw new Error(`it is not version ${STATE_VERSION} build state`);
  const pages = new Map<string, PageState>();
  for (const [file, line] of stored.pages) {
    const page = parsePage(line);
    const problem = sitePathProblem(file) ?? (typeof page === 'string' ? page : undefined);
    if (problem) throw new Error(`the page ${JSON.stringify(file)} ${problem}`);
    pages.set(file, page as PageState);
  }
  if (stored.root === undefined) return { pages };
  const content: ContentState = { root: stored.root, files: new Map(), entries: new Map() };
  for (const [id, line] of stored.files) {
    const [sha256 = '', ...rest] = line.split(' ');
    const identity = identityFrom(rest);
    const problem = sitePathProblem(id) ?? identityProblem(identity) ?? (HEX.test(sha256) ? undefined : 'has no SHA-256');
    if (problem) throw new Error(`the content file ${JSON.stringify(id)} ${problem}`);
    content.files.set(id, { identity: identity as FileIdentity, sha256 });
  }
  for (const [key, line] of stored.entries) {
    const identity = identityFrom(line.split(' '));
    const problem = (HEX.test(key) ? undefined : 'is not a cache key') ?? identityProblem(identity);
    if (problem) throw new Error(`the cache entry ${JSON.stringify(key)} ${problem}`);
    content.entries.set(key, identity as FileIdentity);
  }
  return { pages, content };
}

function parsePage(line: string): PageState | string {
  const [digest = '', sha256 = '', size = '', ...rest] = line.split(' ');
  if (!HEX.test(digest) || !HEX.test(sha256)) return 'has no digest and SHA-256';
  if (!/^\d{1,15}$/.test(size)) return 'has no byte size';
  if (rest.length === 0) return { digest, sha256, size: Number(size) };
  const identity = identityFrom(rest);
  return identityProblem(identity) ?? { digest, sha256, size: Number(size), identity: identity as FileIdentity };
}

function identityFrom(parts: readonly string[]): FileIdentity | undefined {
  if (parts.length !== 5) return undefined;
  const [dev, ino, size, mtimeNs, ctimeNs] = parts as [string, string, string, string, string];
  return { dev, ino, size: /^\d{1,15}$/.test(size) ? Number(size) : -1, mtimeNs, ctimeNs };
}

function identityLine(identity: FileIdentity): string {
  return `${identity.dev} ${identity.ino} ${identity.size} ${identity.mtimeNs} ${identity.ctimeNs}`;
}

/** The store's entries for these pages and content records. */
export function storedStateOf(pages: ReadonlyMap<string, PageState>, content?: ContentState): StoredState {
  return {
    version: STATE_VERSION,
    root: content?.root,
    pages: new Map([...pages].map(([file, page]) => [file, `${page.digest} ${page.sha256} ${page.size}${page.identity ? ` ${identityLine(page.identity)}` : ''}`])),
    files: new Map([...(content?.files ?? [])].map(([id, record]) => [id, `${record.sha256} ${identityLine(record.identity)}`])),
    entries: new Map([...(content?.entries ?? [])].map(([key, identity]) => [key, identityLine(identity)])),
  };
}

/**
 * Saves the state of `output`, writing only what differs from `previous` (the entries loaded at the
 * start of this build). Without `previous` (no store, or a damaged one) a new store replaces the file:
 * LMDB must never open a damaged file (state-store.ts).
 */
export async function writeState(output: string, pages: ReadonlyMap<string, PageState>, content: ContentState | undefined, previous: StoredState | undefined): Promise<void> {
  const file = statePathFor(output);
  const next = storedStateOf(pages, content);
  if (previous) return void (await saveStore(file, next, previous));
  for (const name of [file, `${file}-lock`]) await unlink(name).catch(() => undefined);
  await saveStore(file, next, undefined);
}
