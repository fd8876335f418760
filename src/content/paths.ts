// The one resolver for file paths written in content (image addresses, cover.src): the result is
// always inside its root, by name and, once the file exists, by its real path (a symlink cannot lead
// out of the content folder).
import { realpath } from 'node:fs/promises';
import path from 'node:path';

export type Resolved = { ok: true; file: string } | { ok: false; reason: 'outside' | 'unreadable-name' };

/** `./a.jpg` and `a.jpg` from the article's folder, `/images/a.jpg` from the root; ?query and #hash ignored. */
export function resolveInside(root: string, fromFolder: string, written: string): Resolved {
  const withoutQuery = written.split(/[?#]/)[0] ?? written;
  let decoded = withoutQuery;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    return { ok: false, reason: 'unreadable-name' };
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, reason: 'unreadable-name' };
  const file = decoded.startsWith('/') ? path.join(root, decoded) : path.resolve(fromFolder, decoded);
  return isInside(root, file) ? { ok: true, file } : { ok: false, reason: 'outside' };
}

/** True when `file` is `root` itself or below it. */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** True when the existing file, symlinks followed, is still inside the root (symlinks followed too). */
export async function staysInside(root: string, file: string): Promise<boolean> {
  try {
    return isInside(await realpath(root), await realpath(file));
  } catch {
    return true; // a missing file is reported by whoever opens it
  }
}
