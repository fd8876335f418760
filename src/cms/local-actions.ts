// The actions of Decap CMS's local backend protocol (what decap-server's "fs" mode answers), each path
// checked by ContentPaths before anything is read, written or removed: a request with one refused path
// does nothing at all. Files are opened with O_NOFOLLOW and listings skip links and hidden entries.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, lstat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ContentPaths } from './local-paths.ts';

type Params = Record<string, unknown>;

interface FileRef {
  path: string;
  label?: string;
}

/** Raised for a request that does not have the shape of the protocol. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

const sha256 = (buffer: Buffer): string => createHash('sha256').update(buffer).digest('hex');
const MAX_DEPTH = 8;

async function readNoFollow(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function writeNoFollow(file: string, content: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

/** Regular files below `folder`, never through a link or into a hidden folder. */
async function listFiles(folder: string, depth: number): Promise<string[]> {
  if (depth <= 0) return [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(file, depth - 1)));
    else if (entry.isFile()) found.push(file);
  }
  return found.sort();
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be a string`);
  return value;
};
const list = (value: unknown, name: string): unknown[] => {
  if (!Array.isArray(value)) throw new BadRequestError(`${name} must be a list`);
  return value;
};
const record = (value: unknown, name: string): Params => {
  if (typeof value !== 'object' || value === null) throw new BadRequestError(`${name} must be an object`);
  return value as Params;
};

export function localActions(paths: ContentPaths, repoName: string): Record<string, (params: Params) => Promise<unknown>> {
  const entryOf = async (ref: FileRef): Promise<unknown> => {
    const file = await paths.resolve(ref.path, 'article');
    const content = await readNoFollow(file).catch(() => undefined);
    return { data: content?.toString() ?? null, file: { path: ref.path, label: ref.label, id: content ? sha256(content) : null } };
  };
  const entriesOf = async (refs: FileRef[]): Promise<unknown[]> => {
    for (const ref of refs) await paths.resolve(ref.path, 'article');
    return Promise.all(refs.map(entryOf));
  };
  const mediaOf = async (written: string): Promise<unknown> => {
    const content = await readNoFollow(await paths.resolve(written, 'media'));
    return { id: sha256(content), content: content.toString('base64'), encoding: 'base64', path: written, name: path.posix.basename(written) };
  };
  const assetOf = (value: unknown): { path: string; content: Buffer } => {
    const asset = record(value, 'asset');
    const encoding = asset.encoding === undefined ? 'base64' : text(asset.encoding, 'asset.encoding');
    if (encoding !== 'base64') throw new BadRequestError('asset.encoding must be base64');
    return { path: text(asset.path, 'asset.path'), content: Buffer.from(text(asset.content, 'asset.content'), 'base64') };
  };
  const removeAll = async (written: unknown[]): Promise<void> => {
    const files = [];
    // Only an article or an image can be removed, never a folder or another kind of file.
    for (const one of written) files.push(await paths.resolve(one, typeof one === 'string' && one.toLowerCase().endsWith('.md') ? 'article' : 'media'));
    for (const file of files) {
      const info = await lstat(file).catch(() => undefined);
      if (info?.isFile()) await unlink(file);
    }
  };
  const refOf = (value: unknown): FileRef => {
    const ref = record(value, 'file');
    return { path: text(ref.path, 'path'), ...(typeof ref.label === 'string' ? { label: ref.label } : {}) };
  };

  return {
    info: async () => ({ repo: repoName, publish_modes: ['simple'], type: 'local_fs' }),
    entriesByFolder: async (params) => {
      const folder = await paths.resolve(params.folder, 'folder');
      const depth = Math.min(MAX_DEPTH, Math.max(1, Number(params.depth) || 1));
      const extension = `.${text(params.extension ?? 'md', 'extension').replace(/^\./, '')}`;
      const files = (await listFiles(folder, depth)).filter((file) => file.endsWith(extension));
      const refs = files.map((file) => ({ path: paths.repoPathOf(file) }));
      // Only what an article path may be (a .md file in a collection) is read.
      const readable = [];
      for (const ref of refs) if (await paths.resolve(ref.path, 'article').then(() => true, () => false)) readable.push(ref);
      return Promise.all(readable.map(entryOf));
    },
    entriesByFiles: async (params) => entriesOf(list(params.files, 'files').map(refOf)),
    getEntry: async (params) => (await entriesOf([{ path: text(params.path, 'path') }]))[0],
    persistEntry: async (params) => {
      const dataFiles = (params.dataFiles === undefined ? [params.entry] : list(params.dataFiles, 'dataFiles')).map((value) => record(value, 'dataFile'));
      const assets = list(params.assets ?? [], 'assets').map(assetOf);
      // Every path is checked before anything is written.
      const writes: [string, Buffer | string][] = [];
      const moves: [string, string][] = [];
      for (const dataFile of dataFiles) {
        const file = await paths.resolve(dataFile.path, 'article');
        writes.push([file, text(dataFile.raw, 'raw')]);
        if (dataFile.newPath !== undefined) moves.push([file, await paths.resolve(dataFile.newPath, 'article')]);
      }
      for (const asset of assets) writes.push([await paths.resolve(asset.path, 'media'), asset.content]);
      for (const [file, content] of writes) await writeNoFollow(file, content);
      // A renamed entry moves its one file (our collections are not nested: a folder is not an entry).
      for (const [from, to] of moves) {
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
      }
      return { message: 'entry persisted' };
    },
    getMedia: async (params) => {
      const folder = await paths.resolve(params.mediaFolder, 'folder');
      const files = (await listFiles(folder, 1)).map((file) => paths.repoPathOf(file));
      const media = [];
      for (const file of files) if (await paths.resolve(file, 'media').then(() => true, () => false)) media.push(await mediaOf(file));
      return media;
    },
    getMediaFile: async (params) => mediaOf(text(params.path, 'path')),
    persistMedia: async (params) => {
      const asset = assetOf(params.asset);
      await writeNoFollow(await paths.resolve(asset.path, 'media'), asset.content);
      return mediaOf(asset.path);
    },
    deleteFile: async (params) => {
      await removeAll([params.path]);
      return { message: `deleted file ${String(params.path)}` };
    },
    deleteFiles: async (params) => {
      const written = list(params.paths, 'paths');
      await removeAll(written);
      return { message: `deleted files ${written.join(', ')}` };
    },
    getDeployPreview: async () => null,
  };
}
