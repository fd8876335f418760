// The build state's store (decision 16, docs/decisions/0016-build-state-store.md): an LMDB file beside
// the output (`_site.state.lmdb`, and LMDB's `-lock` file). One entry per page, article file and
// content-cache entry, each a short line of text, so a build loads it without parsing one large
// document and writes only the entries that changed, in one transaction: a crash leaves the previous
// state whole. The entries are parsed and checked in state.ts.
//
// LMDB maps the file and trusts it: opened on an empty, garbage or truncated file, lmdb 3.5.6 kills
// the process (SIGSEGV, SIGBUS) instead of failing. So a file is opened only when its two meta pages
// carry LMDB's magic and the newer one's last page lies inside the file (looksLikeStore); anything
// else is damaged state, which means a full build that says so.
import { lstat, open as openFile } from 'node:fs/promises';
import { open, type RootDatabase } from 'lmdb';

/** The store's raw entries by kind: page file, article id, cache key → their line of text. */
export interface StoredState {
  version: string | undefined;
  root: string | undefined;
  pages: Map<string, string>;
  files: Map<string, string>;
  entries: Map<string, string>;
}

const KINDS = { pages: 'p/', files: 'f/', entries: 'e/' } as const;
type Kind = keyof typeof KINDS;
const VERSION_KEY = 'version';
const ROOT_KEY = 'root';

function openStore(file: string, readOnly: boolean): RootDatabase<string, string> {
  return open<string, string>({ path: file, encoding: 'string', compression: false, readOnly });
}

/** Every entry of the store, or 'missing' when there is no store file. Throws when the store is damaged. */
export async function loadStore(file: string): Promise<StoredState | 'missing'> {
  const stats = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stats) return 'missing';
  if (!stats.isFile()) throw new Error(`${file} is not a file`);
  const problem = await storeProblem(file, stats.size);
  if (problem) throw new Error(problem);
  const db = openStore(file, true);
  try {
    const state: StoredState = { version: db.get(VERSION_KEY), root: db.get(ROOT_KEY), pages: new Map(), files: new Map(), entries: new Map() };
    for (const { key, value } of db.getRange()) {
      if (key === VERSION_KEY || key === ROOT_KEY) continue;
      const kind = (Object.keys(KINDS) as Kind[]).find((name) => key.startsWith(KINDS[name]));
      if (!kind || typeof value !== 'string') throw new Error(`it holds an unknown entry ${JSON.stringify(key)}`);
      state[kind].set(key.slice(KINDS[kind].length), value);
    }
    return state;
  } finally {
    await db.close();
  }
}

/**
 * Makes the store hold exactly `next`, writing only what differs from `previous` (what loadStore
 * returned for this file, or undefined to write everything), in one transaction.
 */
export async function saveStore(file: string, next: StoredState, previous: StoredState | undefined): Promise<{ written: number; removed: number }> {
  const db = openStore(file, false);
  let written = 0;
  let removed = 0;
  try {
    await db.transaction(() => {
      if (!previous) {
        for (const key of db.getKeys()) db.remove(key);
      }
      for (const [key, value] of [[VERSION_KEY, next.version], [ROOT_KEY, next.root]] as const) {
        if (value === undefined) db.remove(key);
        else if (previous?.[key] !== value) db.put(key, value);
      }
      for (const kind of Object.keys(KINDS) as Kind[]) {
        const before = previous?.[kind];
        for (const [key, value] of next[kind]) {
          if (before?.get(key) === value) continue;
          db.put(KINDS[kind] + key, value);
          written += 1;
        }
        for (const key of before?.keys() ?? []) {
          if (next[kind].has(key)) continue;
          db.remove(KINDS[kind] + key);
          removed += 1;
        }
      }
    });
  } finally {
    await db.close();
  }
  return { written, removed };
}

const PAGE = 4096;
const MAGIC = 0xbeefc0de;
/** Offsets inside a meta page of lmdb 3.5.6's LMDB (page header, then the meta): magic, last page, txn id. */
const MAGIC_AT = 24;
const LAST_PAGE_AT = 0x90;
const TXN_AT = 0x98;

/** Why the file cannot be an intact store written by this build, or undefined. */
async function storeProblem(file: string, size: number): Promise<string | undefined> {
  if (size < 2 * PAGE || size % PAGE !== 0) return `it is ${size} bytes, not a whole number of ${PAGE}-byte pages (empty or cut short)`;
  const handle = await openFile(file, 'r');
  try {
    const metas = Buffer.alloc(2 * PAGE);
    await handle.read(metas, 0, metas.length, 0);
    const pages = [0, PAGE].map((base) => ({ magic: metas.readUInt32LE(base + MAGIC_AT), last: metas.readBigUInt64LE(base + LAST_PAGE_AT), txn: metas.readBigUInt64LE(base + TXN_AT) }));
    if (pages.some((page) => page.magic !== MAGIC)) return 'it is not an LMDB store';
    const newest = pages[0]!.txn >= pages[1]!.txn ? pages[0]! : pages[1]!;
    if ((newest.last + 1n) * BigInt(PAGE) > BigInt(size)) return 'it is cut short (its last page lies past its end)';
    return undefined;
  } finally {
    await handle.close();
  }
}
