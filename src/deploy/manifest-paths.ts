// A manifest names files in the bucket; a path in it becomes part of an upload or a delete command.
// The previous manifest comes from the bucket or a cache, so it is checked like any other input: an
// empty path would delete the bucket's root (`ossutil rm oss://news/`), `../other-bucket/x` another
// bucket's file. Refused, every bad entry named, before anything is planned.
import { BroadsheetError } from '../content/errors.ts';
import type { Manifest } from '../publish/manifest.ts';

/** Raised when a manifest holds a path that is not a plain relative file path. */
export class ManifestPathError extends BroadsheetError {
  constructor(
    readonly manifest: string,
    readonly problems: string[],
  ) {
    super(`${manifest} holds ${problems.length} path(s) that cannot be a file of the site, so nothing was published:\n${problems.map((problem) => `  ${problem}`).join('\n')}\nRestore the manifest of the last good publish, or publish against an empty manifest ({"version":1,"files":[]}).`);
  }
}

/** Why the path cannot be a site file, or undefined when it is fine. */
export function manifestPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a control character (a newline, NUL, …)';
  if (value.includes('\\')) return 'holds a backslash';
  if (value.startsWith('/') || /^[a-zA-Z]:/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'is absolute';
  const segments = value.split('/');
  if (segments.includes('..')) return 'leaves the site with ".."';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'has an empty or "." segment (a folder, not a file)';
  return undefined;
}

export function checkManifestPaths(manifest: Manifest, shownAs: string): void {
  const problems: string[] = [];
  for (const [index, file] of manifest.files.entries()) {
    const problem = manifestPathProblem((file as { path?: unknown } | null)?.path);
    if (problem) problems.push(`files[${index}].path ${JSON.stringify((file as { path?: unknown } | null)?.path ?? null)} ${problem}`);
  }
  if (problems.length > 0) throw new ManifestPathError(shownAs, problems);
}
