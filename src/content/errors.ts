// Content problems: every one names the file, the line, the field, what is wrong and how to fix it.

export interface ContentProblem {
  /** Path shown to the editor, relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** The front-matter field (or "body", "file name", "url") the problem is about. */
  field: string;
  /** What is wrong and how to fix it, as whole sentences. */
  message: string;
}

/** Thrown when content cannot be published; carries every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[], options?: { cause?: unknown }) {
    super(formatReport(problems), options);
    this.name = 'ContentError';
    this.problems = sortProblems(problems);
  }
}

/** `content/jiaoyu/2022/pingan.md:4 → timestamp: "2022-13-26 09:08" is not a date. Write 2022-12-26 09:08:22.` */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line} → ${problem.field}: ${problem.message}`;
}

export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.field.localeCompare(b.field),
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
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  return `"${String(value)}"`;
}
