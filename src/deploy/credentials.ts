// Credentials come from the environment (CI secrets) or from a private file named by
// BROADSHEET_CREDENTIALS: KEY=VALUE lines, readable by its owner only (mode 600), refused otherwise.
// They are handed to the SDKs in memory, never put on a command line (visible to every local user in
// the process list), and masked in every log line (mask.ts).
import { readFile, stat } from 'node:fs/promises';
import { BroadsheetError } from '../content/errors.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Raised when the credentials file is missing, readable by others, or not KEY=VALUE lines. */
export class CredentialsFileError extends BroadsheetError {}

export const CREDENTIALS_FILE_VARIABLE = 'BROADSHEET_CREDENTIALS';

export function parseCredentials(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    // The line itself is not shown: it may hold a secret.
    if (!match) throw new CredentialsFileError(`${file}:${index + 1} is not a KEY=VALUE line. Write one variable per line, e.g. AWS_ACCESS_KEY_ID=…`);
    values[match[1] as string] = (match[2] as string).replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

/** The environment with the file's variables under it (a variable already set wins). */
export async function withCredentialsFile(env: Env): Promise<Env> {
  const file = env[CREDENTIALS_FILE_VARIABLE];
  if (!file) return env;
  const info = await stat(file).catch((cause: unknown) => {
    throw new CredentialsFileError(`${CREDENTIALS_FILE_VARIABLE} names ${file}, which cannot be read. Create it with mode 600 or unset the variable.`, { cause });
  });
  if ((info.mode & 0o077) !== 0) {
    throw new CredentialsFileError(`${file} holds credentials but other users may read it (mode ${(info.mode & 0o777).toString(8)}). Run chmod 600 ${file}.`);
  }
  return { ...parseCredentials(await readFile(file, 'utf8'), file), ...env };
}
