// The image cache (.cache/images): encoded renditions kept between builds. Nothing in it is trusted:
// each entry has a checksum file beside it (size, and sha256 over the entry's own name — source hash,
// variant options, width and format, spec.ts renditionsOf — and its bytes), an entry is used only when
// both match, and the output gets a COPY of the verified bytes, never a hard link. So editing or
// damaging a cache file, or copying one entry with its checksum over another, can neither reach nor
// change a published site: a copied entry's checksum names the entry it was written for.
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The checksum file of an entry: "<sha256 hex of name and bytes> <size in bytes>\n". */
export function checksumName(name: string): string {
  return `${name}.sha256`;
}

const FORMAT = 'broadsheet-image-2';

function checksumOf(name: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(FORMAT).update('\0').update(name).update('\0').update(bytes);
  return `${hash.digest('hex')} ${bytes.length}\n`;
}

/** The entry's bytes when they match its checksum; undefined when it is missing, unrecorded or damaged. */
export async function readVerified(cacheDir: string, name: string): Promise<Buffer | undefined> {
  const [bytes, recorded] = await Promise.all([
    readFile(path.join(cacheDir, name)).catch(() => undefined),
    readFile(path.join(cacheDir, checksumName(name)), 'utf8').catch(() => undefined),
  ]);
  if (!bytes || recorded === undefined) return undefined;
  const [hash = '', size = ''] = recorded.trim().split(' ');
  if (Number(size) !== bytes.length) return undefined;
  return checksumOf(name, bytes) === `${hash} ${size}\n` ? bytes : undefined;
}

/** Writes an entry and its checksum beside, then renames both in: a stopped build leaves no half entry. */
export async function writeEntry(cacheDir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temporary = (file: string): string => path.join(cacheDir, `.${file}.${process.pid}.tmp`);
  await writeFile(temporary(name), bytes);
  await writeFile(temporary(checksumName(name)), checksumOf(name, bytes));
  // The checksum goes in last: until it matches, a reader treats the entry as missing.
  await rename(temporary(name), path.join(cacheDir, name));
  await rename(temporary(checksumName(name)), path.join(cacheDir, checksumName(name)));
}

/** Removes a bad entry so it is encoded again. */
export async function dropEntry(cacheDir: string, name: string): Promise<void> {
  await Promise.all([rm(path.join(cacheDir, name), { force: true }), rm(path.join(cacheDir, checksumName(name)), { force: true })]);
}
