// The content cache (.cache/content/): articles that passed validation, with their rendered bodies,
// one file each, named by a key over the code of this build, site.yaml, the file's place and its bytes
// (src/content/load.ts ArticleCache). A cache may make a build faster, never different: an entry holds
// the key it was written for and the SHA-256 of its payload, so a damaged entry, or one copied over
// another, reads as missing; and its body HTML must come back unchanged through the same sanitiser a
// fresh body goes through (src/render/sanitize.ts), so a planted entry with a recomputed checksum still
// cannot put markup the policy removes on a page or in a feed. Verifying costs a read, a hash and a pass
// of the sanitiser per article, so an entry the build wrote or verified is recorded with its file
// identity in the build state (state.ts `entries`): while lstat shows exactly that identity, its bytes
// are the ones verified then, and only its payload is parsed.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCache, CachedArticle } from '../content/load.ts';
import { sanitizeBody } from '../render/sanitize.ts';
import { identityOf, sameIdentity, type FileIdentity } from './file-identity.ts';

/** Entry identities: those the last build recorded, and those of this build (written or verified). */
export interface EntryIdentities {
  previous: ReadonlyMap<string, FileIdentity>;
  next: Map<string, FileIdentity>;
}

const FORMAT = 'broadsheet-content-3';

export function contentCacheDir(projectRoot: string): string {
  return process.env.BROADSHEET_CONTENT_CACHE ?? path.join(projectRoot, '.cache', 'content');
}

/** `code` is the digest of the code and dependency versions (plan.ts digestCode). */
export function createContentCache(folder: string, code: string, identities?: EntryIdentities): ArticleCache {
  const fileOf = (key: string): string => path.join(folder, key.slice(0, 2), `${key}.json`);
  return {
    keyOf: (parts) => {
      const hash = createHash('sha256').update(FORMAT).update('\0').update(code);
      for (const part of parts) hash.update('\0').update(part);
      return hash.digest('hex');
    },
    async get(key) {
      const file = fileOf(key);
      const read = await readEntry(file);
      if (!read) return undefined;
      const trusted = sameIdentity(read.identity, identities?.previous.get(key));
      const entry = parseEntry(read.text, key, trusted);
      if (!entry) await rm(file, { force: true });
      else identities?.next.set(key, read.identity);
      return entry;
    },
    async set(key, entry) {
      const file = fileOf(key);
      const payload = JSON.stringify(entry);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${FORMAT}\n${key}\n${sha256(payload)}\n${payload}`);
      await rename(temporary, file);
      const identity = await identityOf(file);
      if (identity) identities?.next.set(key, identity);
    },
  };
}

/** A regular entry file (no link followed), its identity taken before its bytes were read. */
async function readEntry(file: string): Promise<{ text: string; identity: FileIdentity } | undefined> {
  const identity = await identityOf(file);
  if (!identity) return undefined;
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const stats = await handle.stat({ bigint: true });
    if (String(stats.ino) !== identity.ino || String(stats.dev) !== identity.dev) return undefined;
    return { text: await handle.readFile('utf8'), identity };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The entry when it was written for `key`, is intact, and its body passes the HTML policy unchanged;
 * `trusted` (its file is the one verified by an earlier build) skips the checksum and the sanitiser.
 */
function parseEntry(text: string, key: string, trusted: boolean): CachedArticle | undefined {
  const [format, owner, checksum] = text.split('\n', 3);
  if (format !== FORMAT || owner !== key || checksum === undefined) return undefined;
  const payload = text.slice(format.length + owner.length + checksum.length + 3);
  if (!trusted && checksum !== sha256(payload)) return undefined;
  try {
    const entry = JSON.parse(payload) as CachedArticle;
    return typeof entry.html === 'string' && (trusted || sanitizeBody(entry.html) === entry.html) ? entry : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
