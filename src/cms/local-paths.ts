// Where the local editing room may read and write: article files (.md) in the collections' folders and
// image files there or in the media folder, as config.yml names them — nothing else in the project.
// A path is checked as written (no "..", no absolute path, no backslash, no control character, no
// hidden segment such as .git) and then on disk, where no segment below the content folder may be a
// symbolic link: the editing room never follows a link, wherever it points.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { CmsConfig } from './config.ts';

export type PathKind = 'article' | 'media' | 'folder';

/** The folders the editing room may touch, as repository paths (content/jiaoyu, content/images). */
export interface EditableFolders {
  /** The content folder (cms.contentPath): the user's choice, so it may itself be a link; nothing below it may. */
  content: string;
  articles: string[];
  media: string[];
}

const MEDIA_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif']);
const ARTICLE_EXTENSION = '.md';

/** Raised when a request names a path outside what the editing room may touch. */
export class ConfinedPathError extends Error {
  constructor(written: unknown, reason: string) {
    super(`The editing room refuses the path ${JSON.stringify(written)}: ${reason}. It reads and writes only articles and images in the content folder's sections.`);
    this.name = 'ConfinedPathError';
  }
}

export function editableFoldersOf(config: CmsConfig): EditableFolders {
  const articles = config.collections.map((collection) => String(collection.folder));
  // Collections keep images beside their articles (media_folder: ''); site-wide images go to media_folder.
  const media = [...articles, String(config.media_folder)];
  return { content: sharedParent(media), articles, media };
}

/** The longest folder that holds all of them (content for content/jiaoyu and content/images). */
function sharedParent(folders: readonly string[]): string {
  const split = folders.map((folder) => folder.split('/'));
  const shared: string[] = [];
  for (const [index, segment] of (split[0] ?? []).entries()) {
    if (!split.every((parts) => parts[index] === segment && index < parts.length - 1)) break;
    shared.push(segment);
  }
  return shared.join('/');
}

/** The repository path's segments when it is well formed, or a ConfinedPathError. */
export function segmentsOf(written: unknown): string[] {
  if (typeof written !== 'string' || written.length === 0) throw new ConfinedPathError(written, 'it is not a path');
  if (written.length > 1024) throw new ConfinedPathError(written.slice(0, 60), 'it is too long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(written)) throw new ConfinedPathError(written, 'it holds a control character or a backslash');
  if (path.posix.isAbsolute(written) || /^[a-zA-Z]:/.test(written)) throw new ConfinedPathError(written, 'it is an absolute path');
  const segments = written.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') throw new ConfinedPathError(written, 'it has an empty, "." or ".." segment');
    if (segment.startsWith('.')) throw new ConfinedPathError(written, 'it names a hidden file or folder');
  }
  return segments;
}

export class ContentPaths {
  /** @param repoDir the folder that stands for the repository (real path, not a link). */
  constructor(
    private readonly repoDir: string,
    private readonly folders: EditableFolders,
  ) {}

  /** The file or folder on disk for a repository path of the given kind, after every check. */
  async resolve(written: unknown, kind: PathKind): Promise<string> {
    const segments = segmentsOf(written);
    const relative = segments.join('/');
    const roots = kind === 'article' ? this.folders.articles : kind === 'media' ? this.folders.media : [...this.folders.articles, ...this.folders.media];
    const root = roots.find((folder) => relative === folder || relative.startsWith(`${folder}/`));
    if (!root) throw new ConfinedPathError(written, `it is outside ${roots.join(', ')}`);
    const extension = path.posix.extname(relative).toLowerCase();
    if (kind === 'article' && extension !== ARTICLE_EXTENSION) throw new ConfinedPathError(written, 'an article is a .md file');
    if (kind === 'media' && !MEDIA_EXTENSIONS.has(extension)) throw new ConfinedPathError(written, `an image ends in ${[...MEDIA_EXTENSIONS].join(', ')}`);
    // Nothing on the way may be a link (the content folder itself is the user's choice and is resolved at start).
    const trusted = this.folders.content === '' ? 0 : this.folders.content.split('/').length;
    let current = path.join(this.repoDir, ...segments.slice(0, trusted));
    for (const segment of segments.slice(trusted)) {
      current = path.join(current, segment);
      const info = await lstat(current).catch(() => undefined);
      if (!info) break;
      if (info.isSymbolicLink()) throw new ConfinedPathError(written, 'it goes through a symbolic link');
    }
    return path.join(this.repoDir, ...segments);
  }

  /** The repository path of a file found on disk below the repository. */
  repoPathOf(file: string): string {
    return path.relative(this.repoDir, file).split(path.sep).join('/');
  }
}
