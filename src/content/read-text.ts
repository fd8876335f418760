// Reads a text file the newsroom wrote (an article, site.yaml) as UTF-8, and only UTF-8: a GBK or
// GB18030 file (common when text comes from older newsroom systems) is named with the conversion to
// run, never published as mojibake. A UTF-8 byte order mark is fine. Control characters (NUL and the
// like) are refused with their line: they would reach titles and headlines invisibly.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileMessages } from './messages.ts';
import type { ContentProblem } from './errors.ts';

/** Larger text files are refused before they are read: no article is 16 MB of text. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export type TextResult = { ok: true; text: string } | { ok: false; problems: ContentProblem[] };

export async function readText(file: string, shown: string, field: string): Promise<TextResult> {
  let bytes: Buffer;
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return fail(shown, 1, field, fileMessages.unreadable('not a regular file'));
      if (info.size > MAX_TEXT_BYTES) return fail(shown, 1, field, fileMessages.tooLarge(MAX_TEXT_BYTES / 1024 / 1024));
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(shown, 1, field, fileMessages.unreadable((error as NodeJS.ErrnoException).code ?? 'unknown error'));
  }
  return decodeText(bytes, shown, field);
}

/** Bytes to text, or the problems that stop it: not UTF-8 (which encoding it looks like), control characters. */
export function decodeText(bytes: Uint8Array, shown: string, field: string): TextResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    return fail(shown, line, field, fileMessages.notUtf8(guessEncoding(bytes), shown));
  }
  const problems: ContentProblem[] = [];
  let line = 1;
  let from = 0;
  for (const match of text.matchAll(CONTROL)) {
    for (; from < (match.index ?? 0); from += 1) if (text.charCodeAt(from) === 10) line += 1;
    if (problems.at(-1)?.line === line) continue;
    problems.push({ file: shown, line, field, message: fileMessages.controlCharacter(match[0].charCodeAt(0)) });
    if (problems.length >= 20) break;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, text };
}

/** "GBK/GB18030" when the bytes read cleanly as GB18030 and mostly as Chinese characters. */
function guessEncoding(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
    const high = bytes.reduce((count, byte) => count + (byte >= 0x80 ? 1 : 0), 0);
    return han > 0 && han * 2 >= high * 0.8 ? 'GBK/GB18030' : undefined;
  } catch {
    return undefined;
  }
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let index = 0; index <= bytes.length; index += 1) {
    if (index < bytes.length && bytes[index] !== 10) continue;
    try {
      decoder.decode(bytes.subarray(start, index));
    } catch {
      return line;
    }
    line += 1;
    start = index + 1;
  }
  return 1;
}

function fail(file: string, line: number, field: string, message: string): TextResult {
  return { ok: false, problems: [{ file, line, field, message }] };
}
