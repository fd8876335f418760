// The binary pieces of the search index, shared in spirit with public/js/search.js (which decodes them):
// a term's posting list is its articles in ascending id order, each as (varint gap, one weight byte);
// a shard file holds the lists of the terms that hash to it, small lists inline, large ones in files of
// their own so a query fetches only the lists it needs.

/** FNV-1a over the UTF-16 units of a string: the same number in Node and in the browser. */
export function hashTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Appends a posting list: ids ascending, each as the varint of its gap, then its weight byte. */
export function encodePostings(ids: readonly number[], weights: readonly number[]): Buffer {
  const bytes: number[] = [];
  let previous = -1;
  for (let i = 0; i < ids.length; i += 1) {
    let gap = (ids[i] as number) - previous;
    previous = ids[i] as number;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap, weights[i] as number);
  }
  return Buffer.from(bytes);
}

/** The same encoding from [id, weight, id, weight …] (the writer's working form). */
export function encodeInterleaved(pairs: readonly number[]): Buffer {
  let size = 0;
  let previous = -1;
  for (let i = 0; i < pairs.length; i += 2) {
    const gap = (pairs[i] as number) - previous;
    previous = pairs[i] as number;
    size += (gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5) + 1;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  previous = -1;
  for (let i = 0; i < pairs.length; i += 2) {
    let gap = (pairs[i] as number) - previous;
    previous = pairs[i] as number;
    while (gap >= 0x80) {
      out[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[at++] = gap;
    out[at++] = pairs[i + 1] as number;
  }
  return out;
}

export function decodePostings(bytes: Uint8Array): { ids: number[]; weights: number[] } {
  const ids: number[] = [];
  const weights: number[] = [];
  let at = 0;
  let previous = -1;
  while (at < bytes.length) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++] as number;
      gap += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    previous += gap;
    ids.push(previous);
    weights.push(bytes[at++] as number);
  }
  return { ids, weights };
}

export interface ShardEntry {
  term: string;
  /** How many articles hold the term. */
  count: number;
  postings: Buffer;
}

/** Lists longer than this live in a file of their own; the shard keeps its name. */
export const INLINE_LIMIT = 4096;
/** Files are named by the first NAME_BYTES of their SHA-256 (12 hex digits). */
export const NAME_BYTES = 6;

/**
 * A shard: u32 entry count, then per entry: u16 term byte length, the term (UTF-8), u32 article count,
 * then u8 0 with a u32 byte length and the list's bytes, or u8 1 with the NAME_BYTES of the list's own
 * file (named by `nameOf`). Entries sorted by term.
 */
export function encodeShard(entries: readonly ShardEntry[], nameOf: (list: Buffer) => string): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(4);
  header.writeUInt32LE(entries.length);
  parts.push(header);
  for (const entry of [...entries].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))) {
    const term = Buffer.from(entry.term, 'utf8');
    const inline = entry.postings.length <= INLINE_LIMIT;
    const head = Buffer.alloc(2 + term.length + 4 + 1);
    head.writeUInt16LE(term.length, 0);
    term.copy(head, 2);
    head.writeUInt32LE(entry.count, 2 + term.length);
    head.writeUInt8(inline ? 0 : 1, 6 + term.length);
    parts.push(head);
    if (inline) {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(entry.postings.length);
      parts.push(size, entry.postings);
    } else parts.push(Buffer.from(nameOf(entry.postings), 'hex'));
  }
  return Buffer.concat(parts);
}

export interface StoredEntry {
  term: string;
  count: number;
  /** Inline postings, or the name of the list's own file. */
  postings?: Buffer;
  external?: string;
}

/** Reads a shard back (the inverse of encodeShard, without the external lists). */
export function decodeShard(shard: Buffer): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let at = 4;
  for (let n = shard.readUInt32LE(0); n > 0; n -= 1) {
    const length = shard.readUInt16LE(at);
    const term = shard.toString('utf8', at + 2, at + 2 + length);
    at += 2 + length;
    const count = shard.readUInt32LE(at);
    const external = shard.readUInt8(at + 4) === 1;
    at += 5;
    if (external) {
      entries.push({ term, count, external: shard.toString('hex', at, at + NAME_BYTES) });
      at += NAME_BYTES;
    } else {
      const size = shard.readUInt32LE(at);
      entries.push({ term, count, postings: shard.subarray(at + 4, at + 4 + size) });
      at += 4 + size;
    }
  }
  return entries;
}

/** [id, weight, …] of an encoded list. */
export function interleavedOf(bytes: Uint8Array): number[] {
  const { ids, weights } = decodePostings(bytes);
  const out: number[] = [];
  for (let i = 0; i < ids.length; i += 1) out.push(ids[i] as number, weights[i] as number);
  return out;
}
