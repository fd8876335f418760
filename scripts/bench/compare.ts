// Byte-for-byte comparison of two output folders (a merged sharded build against the single build):
// the same files, each with the same bytes. Reads both trees; reports the first difference in path order.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Comparison {
  identical: boolean;
  files: number;
  /** The first path (code-unit order) that is missing on one side or differs, and how. */
  firstDifference?: string;
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function compareFolders(a: string, b: string): Promise<Comparison> {
  const [left, right] = await Promise.all([listFiles(a), listFiles(b)]);
  const rightSet = new Set(right);
  const leftSet = new Set(left);
  const onlyLeft = left.find((file) => !rightSet.has(file));
  const onlyRight = right.find((file) => !leftSet.has(file));
  const missing = [onlyLeft && `${onlyLeft} (only in ${a})`, onlyRight && `${onlyRight} (only in ${b})`].filter(Boolean).sort()[0];
  for (let start = 0; start < left.length; start += 64) {
    const batch = left.slice(start, start + 64).filter((file) => rightSet.has(file));
    const pairs = await Promise.all(batch.map((file) => Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))])));
    const index = pairs.findIndex(([x, y]) => !x.equals(y));
    if (index >= 0) {
      const differing = `${batch[index]} (bytes differ)`;
      return { identical: false, files: left.length, firstDifference: missing && missing < differing ? missing : differing };
    }
  }
  return missing ? { identical: false, files: left.length, firstDifference: missing } : { identical: true, files: left.length };
}
