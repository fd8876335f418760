// Content-hashed asset names for CDN caching: every file under public/css and public/js gets its hash
// in its name (/css/site.css → /css/site.3f2a1b4c.css). The names are computed from public/ before
// pages render, templates link them through the `asset` filter, and the copies in the output are
// renamed afterwards: no page is read or written twice. The names travel in the build context.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from './step-context.ts';

/** Output folders whose files are renamed with their content hash. */
export const HASHED_FOLDERS = ['css', 'js'] as const;
const HASH_LENGTH = 8;

/** site.css + its bytes → site.3f2a1b4c.css */
export function hashedName(fileName: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, HASH_LENGTH);
  const extension = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - extension.length)}.${hash}${extension}`;
}

/** Plain site path → hashed site path for every file under public/css and public/js. */
export async function hashPublicAssets(publicDir: string): Promise<Map<string, string>> {
  const renamed = new Map<string, string>();
  for (const folder of HASHED_FOLDERS) {
    for (const file of await filesUnder(path.join(publicDir, folder))) {
      const target = path.join(path.dirname(file), hashedName(path.basename(file), await readFile(file)));
      renamed.set(sitePath(publicDir, file), sitePath(publicDir, target));
    }
  }
  return renamed;
}

/** After render: give the copied files the names the pages already use. */
export async function hashAssets({ outputDir, assets }: Pick<StepContext, 'outputDir' | 'assets'>): Promise<void> {
  for (const [plain, hashed] of assets) {
    await rename(path.join(outputDir, plain), path.join(outputDir, hashed));
  }
}

/** Every file below a folder, sorted; none when the folder does not exist. */
export async function filesUnder(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function sitePath(root: string, file: string): string {
  return `/${path.relative(root, file).split(path.sep).join('/')}`;
}
