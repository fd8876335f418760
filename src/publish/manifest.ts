// The deploy manifest: every output file's path, size and SHA-256, written beside the output folder
// (`_site.manifest.json` for `_site/`) so it is never published. Comparing two manifests tells an
// upload which files to send and which to delete.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BroadsheetError } from '../content/errors.ts';

export const MANIFEST_VERSION = 1;
const READ_BATCH = 64;

export interface ManifestFile {
  /** Site path with forward slashes and no leading slash, e.g. jiaoyu/2024/exam/index.html. */
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  /** Sorted by path (code-unit order), so two builds of the same input are byte-identical. */
  files: ManifestFile[];
}

export interface ManifestDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Raised when a manifest file is missing or is not a manifest. */
export class ManifestError extends BroadsheetError {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

/** Where the manifest of an output folder lives: beside it, not inside it. */
export function manifestPathFor(outputDir: string): string {
  return `${outputDir.replace(/[\\/]+$/, '')}.manifest.json`;
}

/**
 * Hashes every file of a folder. `known` gives the entries of files already hashed, e.g. pages an
 * incremental build linked unchanged from the previous output: they are not read again.
 */
export async function createManifest(folder: string, known: ReadonlyMap<string, ManifestFile> = new Map()): Promise<Manifest> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort(byCodeUnit);
  const files: ManifestFile[] = [];
  // Reads overlap in batches; hashing stays in order, so the manifest is the same every time.
  for (let start = 0; start < paths.length; start += READ_BATCH) {
    const batch = paths.slice(start, start + READ_BATCH);
    const contents = await Promise.all(batch.map((file) => (known.has(file) ? undefined : readFile(path.join(folder, file)))));
    batch.forEach((file, index) => {
      const bytes = contents[index];
      files.push(bytes ? { path: file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } : (known.get(file) as ManifestFile));
    });
  }
  return { version: MANIFEST_VERSION, files };
}

export async function readManifest(file: string): Promise<Manifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new ManifestError(`${file} could not be read as a deploy manifest. Give the path of a *.manifest.json written by "npm run build".`, { cause });
  }
  const files = (parsed as Partial<Manifest> | null)?.files;
  if ((parsed as Partial<Manifest> | null)?.version !== MANIFEST_VERSION || !Array.isArray(files)) {
    throw new ManifestError(`${file} is not a version ${MANIFEST_VERSION} deploy manifest. Rebuild with "npm run build" to get one.`);
  }
  const seen = new Set<string>();
  for (const entry of files as unknown[]) {
    const problem = manifestEntryProblem(entry) ?? (seen.has((entry as ManifestFile).path) ? 'is listed twice' : undefined);
    if (problem) {
      const shown = JSON.stringify((entry as Partial<ManifestFile> | null)?.path ?? entry);
      throw new ManifestError(`${file} lists ${shown}, which ${problem}; an upload planned from it could write or delete outside the site. Rebuild with "npm run build" and use the manifest it writes.`);
    }
    seen.add((entry as ManifestFile).path);
  }
  return { version: MANIFEST_VERSION, files: files as ManifestFile[] };
}

/** Why `file` cannot be a path inside a site (absolute, "..", a backslash, a control character…), or undefined. */
export function sitePathProblem(file: unknown): string | undefined {
  if (typeof file !== 'string' || file === '') return 'is not a file path';
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) return 'is an absolute path';
  if (file.includes('\\')) return 'has a backslash';
  if (/[\u0000-\u001f\u007f]/.test(file)) return 'has a control character (NUL, newline…)';
  if (file.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'has an empty, "." or ".." part';
  return undefined;
}

function manifestEntryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'is not a file entry';
  const { path: file, size, sha256 } = entry as Partial<ManifestFile>;
  const pathProblem = sitePathProblem(file);
  if (pathProblem) return pathProblem;
  if (!Number.isSafeInteger(size) || (size as number) < 0) return 'has no byte size';
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return 'has no SHA-256';
  return undefined;
}

/** What an upload must send (added, changed) and delete (removed), each sorted by path. */
export function diffManifests(previous: Manifest, next: Manifest): ManifestDiff {
  const before = new Map(previous.files.map((file) => [file.path, file]));
  const after = new Set(next.files.map((file) => file.path));
  const diff: ManifestDiff = { added: [], changed: [], removed: [] };
  for (const file of next.files) {
    const old = before.get(file.path);
    if (!old) diff.added.push(file.path);
    else if (old.sha256 !== file.sha256 || old.size !== file.size) diff.changed.push(file.path);
  }
  for (const file of previous.files) if (!after.has(file.path)) diff.removed.push(file.path);
  return { added: diff.added.sort(byCodeUnit), changed: diff.changed.sort(byCodeUnit), removed: diff.removed.sort(byCodeUnit) };
}

/** One line per file, `+ added`, `~ changed`, `- removed`, then a count. */
export function formatDiff(diff: ManifestDiff): string {
  const lines = [...diff.added.map((file) => `+ ${file}`), ...diff.changed.map((file) => `~ ${file}`), ...diff.removed.map((file) => `- ${file}`)];
  lines.push(`${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed.`);
  return lines.join('\n');
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
