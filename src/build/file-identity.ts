// A file's identity: device, inode, size, and modification and change times in nanoseconds, as lstat
// shows them. The build records it when it writes (or verifies) a file and trusts the file later only
// while lstat shows a regular file with exactly that identity. Size and mtime alone prove nothing (a
// hand edit can set the mtime back, `cp -a` keeps both), but no user can set ctime: an edit, a rename,
// a chmod, a new hard link or `cp -a` changes the inode or the ctime. Where they differ, the file is
// read and hashed as before (decision 16).
import { lstat } from 'node:fs/promises';

export interface FileIdentity {
  /** bigint values as decimal strings, so JSON keeps every digit. */
  dev: string;
  ino: string;
  size: number;
  mtimeNs: string;
  ctimeNs: string;
}

/** Nanoseconds: a file changed this close to when it was looked at may change again within the same tick. */
const RACY_NS = 2_000_000_000n;

/** The identity of a regular file (never followed through a link), or undefined. */
export async function identityOf(file: string): Promise<FileIdentity | undefined> {
  const stats = await lstat(file, { bigint: true }).catch(() => undefined);
  if (!stats?.isFile()) return undefined;
  return { dev: String(stats.dev), ino: String(stats.ino), size: Number(stats.size), mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs) };
}

export function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** The same file with the same bytes as far as lstat can tell, its ctime aside (a link or an unlink of another name changed it). */
export function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * True when the file changed within two seconds of `seenAtNs` (wall clock, ns): a later change in the
 * same clock tick could keep its times, so such an identity is not recorded as trusted (git's "racy" rule).
 */
export function isRacy(identity: FileIdentity, seenAtNs: bigint): boolean {
  return BigInt(identity.ctimeNs) + RACY_NS > seenAtNs || BigInt(identity.mtimeNs) + RACY_NS > seenAtNs;
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** Why `value` is not a file identity, or undefined. */
export function identityProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'has no file identity';
  const { dev, ino, size, mtimeNs, ctimeNs } = value as Partial<FileIdentity>;
  const digits = (text: unknown): boolean => typeof text === 'string' && /^\d{1,40}$/.test(text);
  if (![dev, ino, mtimeNs, ctimeNs].every(digits) || !Number.isSafeInteger(size) || (size as number) < 0) return 'has a malformed file identity';
  return undefined;
}
