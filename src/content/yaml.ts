// The one way YAML is read (front matter and site.yaml): YAML 1.2 core schema, so `2022-12-26 09:08:22`
// stays text and no date is silently read as UTC; duplicate keys refused; and limits, so a hostile
// file (an alias bomb, absurd nesting) becomes a located problem in the report instead of a crash
// that hides every other file's problems.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ContentProblem } from './errors.ts';
import { yamlMessages } from './messages.ts';

/** More aliases than any settings file needs; the yaml default (100) still allows exponential growth. */
export const MAX_ALIASES = 50;
/** Nesting deeper than this is not front matter. */
export const MAX_DEPTH = 32;

export interface YamlSource {
  /** The file as shown in messages. */
  file: string;
  /** The field named by problems about the YAML itself ("front matter", "site.yaml"). */
  field: string;
  /** The file line of the YAML text's first line (2 for front matter after its "---"). */
  firstLine: number;
  /** Where a problem about a missing field points: the file's first line unless told. */
  missingLine?: number;
}

export interface ParsedYaml {
  data: unknown;
  /** The file line of a value by its path (falling back to its parent's, then to the first line). */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseYaml(text: string, source: YamlSource): { ok: true; value: ParsedYaml } | { ok: false; problems: ContentProblem[] } {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const lastLine = text.split('\n').length;
  // linePos is 1-based; an error at the very end of the text is shown on the last line, not after it.
  const lineAt = (offset: number): number => source.firstLine - 1 + Math.min(counter.linePos(offset).line, lastLine);
  const problem = (line: number, message: string): ContentProblem => ({ file: source.file, line, field: source.field, message });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((error) => problem(lineAt(error.pos[0]), explain(error.code, error.message))) };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const line = firstAliasLine(text) ?? source.firstLine;
    const message = /alias/i.test(String((error as Error).message)) ? yamlMessages.tooManyAliases(MAX_ALIASES) : yamlMessages.unreadable(String((error as Error).message).split('\n')[0] ?? '');
    return { ok: false, problems: [problem(source.firstLine - 1 + line, message)] };
  }
  if (depthOf(data) > MAX_DEPTH) return { ok: false, problems: [problem(source.firstLine, yamlMessages.tooDeep)] };
  return { ok: true, value: { data, lineOf: (path) => lineOfPath(document, path, lineAt, source.missingLine ?? 1) } };
}

function lineOfPath(document: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number, fallback: number): number {
  const keys = path.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number');
  for (let depth = keys.length; depth > 0; depth -= 1) {
    const node = document.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return fallback;
}

function explain(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return yamlMessages.duplicateKey;
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return yamlMessages.malformed(first);
    default:
      return yamlMessages.unreadable(first);
  }
}

/** The 1-based line (within the YAML text) of the first alias, where an alias bomb starts repeating. */
function firstAliasLine(text: string): number | undefined {
  const index = text.search(/(^|[\s[{,])\*[^\s,\]}]+/);
  return index < 0 ? undefined : text.slice(0, index + 1).split('\n').length;
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}
