// Errors: one base class for every error Broadsheet raises on purpose, and content problems, each
// naming the file, the line, the field, what is wrong and how to fix it (STYLE 5-6). The words of
// every content message live in messages.ts.

/** The base of every named Broadsheet error; keeps the cause it wraps. */
export class BroadsheetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface ContentProblem {
  /** Path shown to the editor, relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** The field the problem is about, as a path: `tags[2]`, `cover.src`, `sections[1].key`, or "body", "file", "url". */
  field: string;
  /** What is wrong and how to fix it, as whole sentences. */
  message: string;
}

/** Thrown when content cannot be published; carries every problem found, not just the first. */
export class ContentError extends BroadsheetError {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[], options?: { cause?: unknown }) {
    super(formatReport(problems), options);
    this.name = 'ContentError';
    this.problems = sortProblems(problems);
  }
}

/**
 * The one field-path convention: names joined by dots, list items counted from 1 in brackets.
 * ['tags', 1] → tags[2]; ['sections', 0, 'key'] → sections[1].key; ['cover', 'src'] → cover.src.
 */
export function fieldPath(path: readonly PropertyKey[], fallback = 'front matter'): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part + 1}]`;
    else if (typeof part === 'string') text += text ? `.${part}` : part;
  }
  return text || fallback;
}

/** `content/jiaoyu/2022/pingan.md:4 → timestamp: "2022-13-26 09:08" is not a date. Write 2022-12-26 09:08:22.` */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line} → ${problem.field}: ${problem.message}`;
}

export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.field.localeCompare(b.field) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** The whole report: a count, then one line per problem, ordered by file and line. */
export function formatReport(problems: readonly ContentProblem[]): string {
  const files = new Set(problems.map((problem) => problem.file)).size;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const where = files === 1 ? '1 file' : `${files} files`;
  const lines = sortProblems(problems).map(formatProblem);
  return [`${count} in ${where}; nothing was published:`, ...lines].join('\n');
}

/** A short, quoted rendering of a wrong value for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a group of fields';
  return `"${String(value)}"`;
}
