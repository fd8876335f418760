// Change detection that does not read the archive (decision 16): the build state records, per article
// file, its identity (file-identity.ts) and the SHA-256 of its bytes when the build read it. A file
// whose identity is unchanged is known by that SHA-256 — its content-cache entry is found without
// reading the file; any other file is read and hashed. Identities of files changed within two seconds
// of being looked at are not recorded ("racy": a second save in the same clock tick could keep them).
import { realpath } from 'node:fs/promises';
import type { ContentFiles } from '../content/load.ts';
import type { readText } from '../content/read-text.ts';
import { identityOf, isRacy, nowNs, sameIdentity } from './file-identity.ts';
import type { ContentFileState, ContentState } from './state.ts';

export interface ContentFileTracker extends ContentFiles {
  /** What this build read or knew, for the next build's state. */
  readonly next: ContentState;
  /** Files looked at, and those read because their identity was new or changed. */
  counts(): { looked: number; known: number };
}

export async function trackContentFiles(contentDir: string, previous: ContentState | undefined, read?: typeof readText): Promise<ContentFileTracker> {
  const root = await realpath(contentDir).catch(() => contentDir);
  const earlier = previous?.root === root ? previous.files : new Map<string, ContentFileState>();
  const next: ContentState = { root, files: new Map(), entries: new Map() };
  let looked = 0;
  let known = 0;
  return {
    next,
    counts: () => ({ looked, known }),
    ...(read ? { read } : {}),
    async look(id, file) {
      looked += 1;
      const seen = nowNs();
      const identity = await identityOf(file);
      const record = earlier.get(id);
      const same = record !== undefined && sameIdentity(identity, record.identity);
      if (same) known += 1;
      return {
        ...(same ? { known: record.sha256 } : {}),
        remember: (sha256) => {
          if (identity && !isRacy(identity, seen)) next.files.set(id, { identity, sha256 });
        },
      };
    },
  };
}
