// Only what the build made may be removed (decision 15). The folders a build makes beside its output —
// OUT.staging, OUT.previous, OUT.lock — carry a marker file naming their role, as the output carries
// its own (output-guard.ts). Every removal goes through `remove` below, which refuses a path that is a
// file, a symlink, a folder without the marker, or a folder that is or holds the content or the
// project (compared by real path). No other code in the build calls rm on a folder.
import { lstat, mkdir, readdir, readFile, realpath, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from './errors.ts';
import { isInside } from './output-guard.ts';

export type FolderRole = 'staging' | 'previous' | 'lock';

/** The marker file inside a staging, previous or lock folder; its text names the role. */
export const FOLDER_MARKER = '.broadsheet-build';

export function markerText(role: FolderRole): string {
  return `This is the ${role} folder of a Broadsheet build; the next build removes it.\n`;
}

/** Raised when a path beside the output is not the build's own; nothing was removed. */
export class ForeignFolderError extends BuildError {
  readonly path: string;

  constructor(message: string, folder: string) {
    super(message);
    this.name = 'ForeignFolderError';
    this.path = folder;
  }
}

export interface BuildFolders {
  output: string;
  pathOf(role: FolderRole): string;
  /** Refuses (ForeignFolderError) unless the role's path is absent or the build's own; true when present. */
  check(role: FolderRole, options?: { accept?: (folder: string) => Promise<boolean> }): Promise<boolean>;
  /** Creates the role's folder (failing with EEXIST when it exists) and marks it. */
  make(role: FolderRole): Promise<string>;
  /** Removes the role's folder after `check`; an absent folder is fine. */
  remove(role: FolderRole, options?: { accept?: (folder: string) => Promise<boolean> }): Promise<void>;
}

export interface BuildFoldersInput {
  /** The real path of the output folder (claimOutputFolder). */
  output: string;
  contentDir: string;
  projectRoot: string;
  display: (file: string) => string;
}

/** The sibling folders of one output, guarded against the content and the project by real path. */
export async function buildFoldersFor({ output, contentDir, projectRoot, display }: BuildFoldersInput): Promise<BuildFolders> {
  const base = output.replace(/[\\/]+$/, '');
  const kept = [...new Set([path.resolve(contentDir), path.resolve(projectRoot), await realOrSelf(contentDir), await realOrSelf(projectRoot)])];
  const pathOf = (role: FolderRole): string => `${base}.${role}`;
  const refuse = (folder: string, role: FolderRole, why: string, fix: string): never => {
    throw new ForeignFolderError(`${display(folder)} is in the way of the build's ${role} folder: ${why}. A build removes only folders it made, so nothing was changed. ${fix}`, folder);
  };
  const check: BuildFolders['check'] = async (role, options = {}) => {
    const folder = pathOf(role);
    const stats = await lstat(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stats) return false;
    const rename = `Rename or move it, or build into another --output.`;
    if (stats.isSymbolicLink()) refuse(folder, role, 'it is a symbolic link', rename);
    if (!stats.isDirectory()) refuse(folder, role, 'it is a file, not a folder', rename);
    const real = await realpath(folder);
    for (const protectedPath of kept) {
      if (protectedPath === real || isInside(real, protectedPath)) {
        refuse(folder, role, `it ${protectedPath === real ? 'is' : 'holds'} the content or the project folder`, `Choose an --output whose name plus ".${role}" is not that folder, e.g. --output _site.`);
      }
    }
    if (await hasMarker(folder, role)) return true;
    if ((await readdir(folder)).length === 0) return true;
    if (options.accept && (await options.accept(folder))) return true;
    return refuse(folder, role, `it has no ${FOLDER_MARKER} file, so a build did not make it`, `If it is yours, rename or move it; if it is left from a build, delete it by hand.`);
  };
  return {
    output: base,
    pathOf,
    check,
    async make(role) {
      const folder = pathOf(role);
      await mkdir(path.dirname(folder), { recursive: true });
      await mkdir(folder);
      await writeFile(path.join(folder, FOLDER_MARKER), markerText(role));
      return folder;
    },
    async remove(role, options) {
      if (!(await check(role, options))) return;
      const folder = pathOf(role);
      // An empty folder (a build stopped before it marked it) goes with rmdir, which cannot lose a file.
      if ((await readdir(folder)).length === 0) await rmdir(folder);
      else await rm(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    },
  };
}

async function hasMarker(folder: string, role: FolderRole): Promise<boolean> {
  const marker = path.join(folder, FOLDER_MARKER);
  const stats = await lstat(marker).catch(() => undefined);
  if (!stats?.isFile()) return false;
  return (await readFile(marker, 'utf8').catch(() => '')) === markerText(role);
}

async function realOrSelf(folder: string): Promise<string> {
  return realpath(path.resolve(folder)).catch(() => path.resolve(folder));
}
