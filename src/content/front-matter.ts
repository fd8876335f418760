// Splits a Markdown file into front matter and body; the YAML is read by the one YAML path (yaml.ts).
import type { ContentProblem } from './errors.ts';
import { yamlMessages } from './messages.ts';
import { parseYaml } from './yaml.ts';

export interface FrontMatterFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** The line of a field (or a list item inside it); falls back to the opening `---`. */
  lineOf(path: readonly PropertyKey[]): number;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(
  text: string,
  file: string,
): { ok: true; value: FrontMatterFile } | { ok: false; problems: ContentProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return fail(file, 1, yamlMessages.noFrontMatter);
  const end = lines.findIndex((line, index) => index > 0 && CLOSE.test(line));
  if (end < 0) return fail(file, 1, yamlMessages.unclosed);
  const parsed = parseYaml(lines.slice(1, end).join('\n'), { file, field: 'front matter', firstLine: 2 });
  if (!parsed.ok) return parsed;
  const { data, lineOf } = parsed.value;
  if (data === null || data === undefined) return fail(file, 1, yamlMessages.empty);
  if (typeof data !== 'object' || Array.isArray(data)) return fail(file, 2, yamlMessages.notFields);
  return {
    ok: true,
    value: {
      data: data as Record<string, unknown>,
      body: lines.slice(end + 1).join('\n'),
      bodyLine: end + 2,
      lineOf,
    },
  };
}

function fail(file: string, line: number, message: string): { ok: false; problems: ContentProblem[] } {
  return { ok: false, problems: [{ file, line, field: 'front matter', message }] };
}
