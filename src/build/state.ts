// Build state: for every page of an output folder, its input digest and the SHA-256 and size of the
// bytes the build wrote, kept beside it (`_site.state.json`, never published) with the deploy
// manifest. A later build reuses a page whose digest is unchanged and whose bytes still hash to what
// the state records (reuse.ts). State that is missing means a full build; state that is unreadable,
// of another version, or that names a path outside the output is damaged: a full build that says so.
import { readFile, realpath, writeFile } from 'node:fs/promises';
import { manifestPathFor, readManifest, sitePathProblem } from '../publish/manifest.ts';

export const STATE_VERSION = 2;

export interface PageState {
  digest: string;
  sha256: string;
  size: number;
}

export interface BuildState {
  version: typeof STATE_VERSION;
  /** Page file (relative to the output) → what it was built from and what was written. */
  pages: Record<string, PageState>;
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
    const pages = parseState(text);
    await readManifest(manifestPathFor(folder));
    return { source: { folder, real, own, pages } };
  } catch (error) {
    return { damaged: `${file} or its manifest is damaged: ${(error as Error).message}` };
  }
}

function parseState(text: string): Map<string, PageState> {
  const state = JSON.parse(text) as Partial<BuildState> | null;
  if (state?.version !== STATE_VERSION || typeof state.pages !== 'object' || state.pages === null) throw new Error(`it is not version ${STATE_VERSION} build state`);
  const pages = new Map<string, PageState>();
  for (const [file, page] of Object.entries(state.pages)) {
    const problem = sitePathProblem(file) ?? pageProblem(page);
    if (problem) throw new Error(`the page ${JSON.stringify(file)} ${problem}`);
    pages.set(file, page);
  }
  return pages;
}

function pageProblem(page: Partial<PageState> | null): string | undefined {
  const hex = /^[0-9a-f]{64}$/;
  if (typeof page !== 'object' || page === null || typeof page.digest !== 'string' || !hex.test(page.digest) || typeof page.sha256 !== 'string' || !hex.test(page.sha256)) return 'has no digest and SHA-256';
  return Number.isSafeInteger(page.size) && (page.size as number) >= 0 ? undefined : 'has no byte size';
}

export function serializeState(pages: ReadonlyMap<string, PageState>): string {
  const sorted = [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, page]) => [file, { digest: page.digest, sha256: page.sha256, size: page.size }]);
  return `${JSON.stringify({ version: STATE_VERSION, pages: Object.fromEntries(sorted) } satisfies BuildState)}\n`;
}

export async function writeStateFile(file: string, pages: ReadonlyMap<string, PageState>): Promise<void> {
  await writeFile(file, serializeState(pages));
}
