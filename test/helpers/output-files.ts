// Every file below a built output with its bytes, keyed by its path with forward slashes: what the
// byte-identity tests (incremental, shards) compare.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function filesOf(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file).split(path.sep).join('/'), await readFile(file));
  }
  return files;
}
