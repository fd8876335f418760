// The output folder belongs to the build (ARCHITECTURE decision 10). It is never the content, the
// project, a folder around either of them, or an existing folder that an earlier build did not make:
// an output a build made carries a marker file, and any other non-empty folder is refused, because
// the swap replaces the whole folder.
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from './errors.ts';

/** Written into every output; its presence says "a Broadsheet build made this folder". */
export const OUTPUT_MARKER = '.broadsheet-output';
export const OUTPUT_MARKER_TEXT = 'This folder is written by Broadsheet builds and replaced whole by the next one.\n';

/** Raised when the output folder must not be written; says which folder and what to do instead. */
export class OutputFolderError extends BuildError {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export interface OutputGuardInput {
  output: string;
  contentDir: string;
  projectRoot: string;
  /** Shown in messages instead of absolute paths. */
  display: (file: string) => string;
}

/**
 * Resolves the output folder (following a symlinked output to its target, so the link keeps working)
 * and refuses every folder the build does not own. Returns the real path to build into.
 */
export async function claimOutputFolder({ output, contentDir, projectRoot, display }: OutputGuardInput): Promise<string> {
  const target = await resolveOutput(path.resolve(output));
  const content = await realOrSelf(path.resolve(contentDir));
  const project = await realOrSelf(path.resolve(projectRoot));
  const shown = display(output) || '.';
  const guarded: [string, string][] = [
    [project, 'the project folder'],
    [content, `the content folder ${display(contentDir) || '.'}`],
  ];
  for (const [folder, name] of guarded) {
    if (target === folder) throw new OutputFolderError(`The output folder ${shown} is ${name}; a build replaces its output whole, so it would delete it. Choose a new folder, e.g. --output _site.`);
    if (isInside(target, folder)) throw new OutputFolderError(`The output folder ${shown} contains ${name}; a build replaces its output whole, so it would delete it. Choose a new folder, e.g. --output _site.`);
    if (isInside(folder, target) && folder === content) throw new OutputFolderError(`The output folder ${shown} is inside ${name}; it would be read as content. Choose a folder outside it, e.g. --output _site.`);
  }
  if (!(await isOwnedOrEmpty(target))) {
    throw new OutputFolderError(
      `The output folder ${shown} already exists and was not made by a Broadsheet build (it has no ${OUTPUT_MARKER} file); a build replaces its output whole, so its files would be deleted. Choose a new or empty folder, or move its files away first.`,
    );
  }
  return target;
}

/** True when `inner` is strictly inside `outer`. */
export function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function resolveOutput(output: string): Promise<string> {
  const stats = await lstat(output).catch(() => undefined);
  if (stats?.isSymbolicLink()) return realpath(output);
  if (stats && !stats.isDirectory()) throw new OutputFolderError(`The output ${output} is a file, not a folder. Choose a folder, e.g. --output _site.`);
  // A folder that does not exist yet: resolve its parent, so /tmp/x and /private/tmp/x are one place.
  if (!stats) return path.join(await realOrSelf(path.dirname(output)), path.basename(output));
  return realpath(output);
}

async function realOrSelf(folder: string): Promise<string> {
  return realpath(folder).catch(() => folder);
}

async function isOwnedOrEmpty(folder: string): Promise<boolean> {
  const entries = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length === 0) return true;
  const marker = await readFile(path.join(folder, OUTPUT_MARKER), 'utf8').catch(() => '');
  return marker === OUTPUT_MARKER_TEXT;
}
