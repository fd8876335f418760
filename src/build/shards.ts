// Shards: `build --shard I/N` renders a deterministic share of the pages so N machines (CI workers) can
// render one archive; `build --merge` assembles their outputs with the site-wide files. Pages are
// dealt out in contiguous runs of the page plan, so every shard gets whole slices.
import { BuildError } from './errors.ts';

export interface Shard {
  /** 1-based, as typed: --shard 2/4 is index 2 of count 4. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new BuildError(`--shard "${text}" is not a share like 2/4 (shard 2 of 4, counted from 1). Give --shard I/N with 1 ≤ I ≤ N.`);
  return { index, count };
}

/** True when the page at `position` of `total` planned pages belongs to `shard`. */
export function shardOf(position: number, total: number, shard: Shard): boolean {
  return Math.floor((position * shard.count) / Math.max(total, 1)) === shard.index - 1;
}
