// Build state: for every page of an output folder, its input digest, the SHA-256 and size of the bytes
// the build wrote and the file's identity (file-identity.ts); for every article file, its identity and
// the SHA-256 of its text; for every content-cache entry the build read or wrote, its identity. It is
// kept beside the output (`_site.state.json`, never published) with the deploy manifest. A later build
// reuses a page whose digest is unchanged and whose file still has that identity (else whose bytes still
// hash to what the state records, reuse.ts), and takes an article whose file has its identity from the
// content cache without reading it (content-files.ts). State that is missing means a full build; state
// that is unreadable, of another version, or that names a path outside the output is damaged: a full
// build that says so.
import { readFile, realpath, writeFile } from 'node:fs/promises';
import { manifestPathFor, readManifest, sitePathProblem } from '../publish/manifest.ts';
import { identityProblem, type FileIdentity } from './file-identity.ts';

export const STATE_VERSION = 3;
/** Version 2 had no identities: it is read (every page is then hashed once), not refused. */
const READABLE_VERSIONS: readonly number[] = [2, 3];

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

export interface BuildState {
  version: typeof STATE_VERSION;
  /** Page file (relative to the output) → what it was built from and what was written. */
  pages: Record<string, PageState>;
  content?: { root: string; files: Record<string, ContentFileState>; entries: Record<string, FileIdentity> };
}

export function statePathFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.state.json`;
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
}

export type ReadSource = { source: ReuseSource } | { missing: true } | { damaged: string };

export async function readReuseSource(folder: string, own: boolean): Promise<ReadSource> {
  const file = statePathFor(folder);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { damaged: `${file} could not be read (${(error as Error).message})` };
  }
  const real = await realpath(folder).catch(() => undefined);
  if (!real) return { missing: true };
  try {
    const { pages, content } = parseState(text);
    await readManifest(manifestPathFor(folder));
    return { source: { folder, real, own, pages, ...(content ? { content } : {}) } };
  } catch (error) {
    return { damaged: `${file} or its manifest is damaged: ${(error as Error).message}` };
  }
}

function parseState(text: string): { pages: Map<string, PageState>; content?: ContentState } {
  const state = JSON.parse(text) as Partial<BuildState> | null;
  if (!READABLE_VERSIONS.includes(state?.version as number) || typeof state?.pages !== 'object' || state.pages === null) throw new Error(`it is not version ${STATE_VERSION} build state`);
  const pages = new Map<string, PageState>();
  for (const [file, page] of Object.entries(state.pages)) {
    const problem = sitePathProblem(file) ?? pageProblem(page);
    if (problem) throw new Error(`the page ${JSON.stringify(file)} ${problem}`);
    pages.set(file, page);
  }
  return { pages, ...(state.content !== undefined ? { content: parseContent(state.content) } : {}) };
}

function parseContent(content: unknown): ContentState {
  const { root, files, entries } = (content ?? {}) as Partial<NonNullable<BuildState['content']>>;
  if (typeof root !== 'string' || typeof files !== 'object' || files === null || typeof entries !== 'object' || entries === null) throw new Error('its content records are not a map of files and entries');
  const state: ContentState = { root, files: new Map(), entries: new Map() };
  for (const [id, record] of Object.entries(files)) {
    const problem = sitePathProblem(id) ?? identityProblem(record?.identity) ?? (HEX.test(String(record?.sha256)) ? undefined : 'has no SHA-256');
    if (problem) throw new Error(`the content file ${JSON.stringify(id)} ${problem}`);
    state.files.set(id, record);
  }
  for (const [key, identity] of Object.entries(entries)) {
    const problem = (HEX.test(key) ? undefined : 'is not a cache key') ?? identityProblem(identity);
    if (problem) throw new Error(`the cache entry ${JSON.stringify(key)} ${problem}`);
    state.entries.set(key, identity);
  }
  return state;
}

const HEX = /^[0-9a-f]{64}$/;

function pageProblem(page: Partial<PageState> | null): string | undefined {
  if (typeof page !== 'object' || page === null || typeof page.digest !== 'string' || !HEX.test(page.digest) || typeof page.sha256 !== 'string' || !HEX.test(page.sha256)) return 'has no digest and SHA-256';
  if (page.identity !== undefined && identityProblem(page.identity)) return identityProblem(page.identity);
  return Number.isSafeInteger(page.size) && (page.size as number) >= 0 ? undefined : 'has no byte size';
}

const byCodeUnit = <T>([a]: [string, T], [b]: [string, T]): number => (a < b ? -1 : a > b ? 1 : 0);

export function serializeState(pages: ReadonlyMap<string, PageState>, content?: ContentState): string {
  const sorted = [...pages].sort(byCodeUnit).map(([file, page]) => [file, { digest: page.digest, sha256: page.sha256, size: page.size, ...(page.identity ? { identity: page.identity } : {}) }]);
  const state: BuildState = {
    version: STATE_VERSION,
    pages: Object.fromEntries(sorted),
    ...(content ? { content: { root: content.root, files: Object.fromEntries([...content.files].sort(byCodeUnit)), entries: Object.fromEntries([...content.entries].sort(byCodeUnit)) } } : {}),
  };
  return `${JSON.stringify(state)}\n`;
}

export async function writeStateFile(file: string, pages: ReadonlyMap<string, PageState>, content?: ContentState): Promise<void> {
  await writeFile(file, serializeState(pages, content));
}
