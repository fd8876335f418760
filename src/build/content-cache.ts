// The content cache (.cache/content/): articles that passed validation, with their rendered bodies,
// one file each, named by a key over the code of this build, site.yaml, the file's place and its bytes
// (src/content/load.ts ArticleCache). Each entry carries the SHA-256 of its payload: a damaged or
// hand-edited entry reads as missing and is rebuilt, never published.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCache, CachedArticle } from '../content/load.ts';

const FORMAT = 'broadsheet-content-1';

export function contentCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_CONTENT_CACHE ?? path.join(projectRoot, '.cache', 'content');
}

/** `code` is the digest of the code and dependency versions (plan.ts digestCode). */
export function createContentCache(folder: string, code: string): ArticleCache {
  const fileOf = (key: string): string => path.join(folder, key.slice(0, 2), `${key}.json`);
  return {
    keyOf: (parts) => {
      const hash = createHash('sha256').update(FORMAT).update('\0').update(code);
      for (const part of parts) hash.update('\0').update(part);
      return hash.digest('hex');
    },
    async get(key) {
      const file = fileOf(key);
      try {
        const text = await readFile(file, 'utf8');
        const newline = text.indexOf('\n');
        const payload = text.slice(newline + 1);
        if (text.slice(0, newline) !== sha256(payload)) throw new Error('checksum');
        return JSON.parse(payload) as CachedArticle;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await rm(file, { force: true });
        return undefined;
      }
    },
    async set(key, entry) {
      const file = fileOf(key);
      const payload = JSON.stringify(entry);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${sha256(payload)}\n${payload}`);
      await rename(temporary, file);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
