// Build state: the digest of every page in an output folder, kept beside it (`_site.state.json`, never
// published) with the deploy manifest. A later build reuses a page whose digest is unchanged. State
// that is missing, unreadable, of another version or for another folder means a full build.
import { readFile, writeFile } from 'node:fs/promises';
import type { Manifest, ManifestFile } from '../publish/manifest.ts';
import { manifestPathFor, readManifest } from '../publish/manifest.ts';

export const STATE_VERSION = 1;

export interface BuildState {
  version: typeof STATE_VERSION;
  /** Page file (relative to the output) → input digest. */
  pages: Record<string, string>;
}

export function statePathFor(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.state.json`;
}

/** A folder whose pages can be reused: its state and the hash of each file from its manifest. */
export interface ReuseSource {
  folder: string;
  pages: ReadonlyMap<string, string>;
  files: ReadonlyMap<string, ManifestFile>;
}

export async function readReuseSource(folder: string): Promise<ReuseSource | undefined> {
  try {
    const state = JSON.parse(await readFile(statePathFor(folder), 'utf8')) as Partial<BuildState>;
    if (state.version !== STATE_VERSION || typeof state.pages !== 'object' || state.pages === null) return undefined;
    const manifest: Manifest = await readManifest(manifestPathFor(folder));
    return { folder, pages: new Map(Object.entries(state.pages)), files: new Map(manifest.files.map((file) => [file.path, file])) };
  } catch {
    return undefined;
  }
}

export function serializeState(pages: ReadonlyMap<string, string>): string {
  const sorted = [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify({ version: STATE_VERSION, pages: Object.fromEntries(sorted) } satisfies BuildState)}\n`;
}

export async function writeStateFile(file: string, pages: ReadonlyMap<string, string>): Promise<void> {
  await writeFile(file, serializeState(pages));
}
