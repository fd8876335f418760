// Splits a Markdown file into front matter and body, and parses the YAML keeping line numbers.
// YAML 1.2 core schema: `2022-12-26 09:08:22` stays text, so no date is ever silently read as UTC.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { ContentProblem } from './errors.ts';

export interface FrontMatterFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** The line of a field (or a list item inside it); falls back to the opening `---`. */
  lineOf(path: readonly (string | number)[]): number;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(
  text: string,
  file: string,
): { ok: true; value: FrontMatterFile } | { ok: false; problems: ContentProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return fail(file, 1, 'The file has no front matter. Start it with a line "---", then the fields (title, source, timestamp, tags, author), then "---".');
  }
  const end = lines.findIndex((line, index) => index > 0 && CLOSE.test(line));
  if (end < 0) {
    return fail(file, 1, 'The front matter is never closed. Add a line "---" after the last field, before the article text.');
  }
  const yamlText = lines.slice(1, end).join('\n');
  const counter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: counter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number): number => counter.linePos(offset).line + 1;
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        line: lineAt(error.pos[0]),
        field: 'front matter',
        message: `${explainYamlError(error.code, error.message)} Check the quotes, colons and indentation on this line.`,
      })),
    };
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) {
    return fail(file, 1, 'The front matter is empty. Add the fields title, source, timestamp, tags and author between the two "---" lines.');
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, 2, 'The front matter must be "field: value" lines, one per field.');
  }
  return {
    ok: true,
    value: {
      data: data as Record<string, unknown>,
      body: lines.slice(end + 1).join('\n'),
      bodyLine: end + 2,
      lineOf: (path) => lineOfPath(document, path, lineAt),
    },
  };
}

function lineOfPath(document: Document, path: readonly (string | number)[], lineAt: (offset: number) => number): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return 1;
}

function explainYamlError(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'A field is written twice. Keep one of them.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return `The YAML is malformed here (${first}).`;
    default:
      return `The YAML cannot be read here (${first}).`;
  }
}

function fail(file: string, line: number, message: string): { ok: false; problems: ContentProblem[] } {
  return { ok: false, problems: [{ file, line, field: 'front matter', message }] };
}
