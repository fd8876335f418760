// Content-hashed asset names for CDN caching: every file under /css/ and /js/ of the output gets its
// hash in its name (/css/site.css → /css/site.3f2a1b4c.css) and every reference in the pages follows.
// Done on the finished output, so any template or step that links a stylesheet or script is covered
// and the preview keeps plain names.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from './steps.ts';

/** Output folders whose files are renamed with their content hash. */
export const HASHED_FOLDERS = ['css', 'js'] as const;
const HASH_LENGTH = 8;
/** Files whose references to hashed assets are rewritten. */
const REFERRING_FILES = /\.(html|xml|xsl)$/i;
const REFERENCE = /(\b(?:href|src)=["'])(\/(?:css|js)\/[^"'?#\s]+)/g;
const BATCH = 64;

/** site.css + its bytes → site.3f2a1b4c.css */
export function hashedName(fileName: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, HASH_LENGTH);
  const extension = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - extension.length)}.${hash}${extension}`;
}

/** Replaces href/src values that name a renamed asset; everything else is left as written. */
export function rewriteAssetReferences(text: string, renamed: ReadonlyMap<string, string>): string {
  return text.replace(REFERENCE, (match, attribute: string, url: string) => {
    const target = renamed.get(url);
    return target ? `${attribute}${target}` : match;
  });
}

/** The build step: renames the assets, then rewrites the pages that refer to them. */
export async function hashAssets({ outputDir }: Pick<StepContext, 'outputDir'>): Promise<void> {
  const renamed = new Map<string, string>();
  for (const folder of HASHED_FOLDERS) {
    for (const file of await filesUnder(path.join(outputDir, folder))) {
      const target = path.join(path.dirname(file), hashedName(path.basename(file), await readFile(file)));
      await rename(file, target);
      renamed.set(sitePath(outputDir, file), sitePath(outputDir, target));
    }
  }
  if (renamed.size === 0) return;
  const referring = (await filesUnder(outputDir)).filter((file) => REFERRING_FILES.test(file));
  for (let start = 0; start < referring.length; start += BATCH) {
    await Promise.all(
      referring.slice(start, start + BATCH).map(async (file) => {
        const text = await readFile(file, 'utf8');
        const rewritten = rewriteAssetReferences(text, renamed);
        if (rewritten !== text) await writeFile(file, rewritten);
      }),
    );
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
