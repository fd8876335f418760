// The content cache (.cache/content/): articles that passed validation, with their rendered bodies,
// one file each, named by a key over the code of this build, site.yaml, the file's place and its bytes
// (src/content/load.ts ArticleCache). A cache may make a build faster, never different: an entry holds
// the key it was written for and the SHA-256 of its payload, so a damaged entry, or one copied over
// another, reads as missing; and its body HTML must come back unchanged through the same sanitiser a
// fresh body goes through (src/render/sanitize.ts), so a planted entry with a recomputed checksum still
// cannot put markup the policy removes on a page or in a feed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCache, CachedArticle } from '../content/load.ts';
import { sanitizeBody } from '../render/sanitize.ts';

const FORMAT = 'broadsheet-content-2';

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
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return undefined;
      }
      const entry = parseEntry(text, key);
      if (!entry) await rm(file, { force: true });
      return entry;
    },
    async set(key, entry) {
      const file = fileOf(key);
      const payload = JSON.stringify(entry);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${FORMAT}\n${key}\n${sha256(payload)}\n${payload}`);
      await rename(temporary, file);
    },
  };
}

/** The entry when it was written for `key`, is intact, and its body passes the HTML policy unchanged. */
function parseEntry(text: string, key: string): CachedArticle | undefined {
  const [format, owner, checksum] = text.split('\n', 3);
  if (format !== FORMAT || owner !== key || checksum === undefined) return undefined;
  const payload = text.slice(format.length + owner.length + checksum.length + 3);
  if (checksum !== sha256(payload)) return undefined;
  try {
    const entry = JSON.parse(payload) as CachedArticle;
    return typeof entry.html === 'string' && sanitizeBody(entry.html) === entry.html ? entry : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
