// Secrets never reach a log. A failing CLI may print a secret as written, upper- or lower-cased,
// percent-encoded, JSON-escaped (--json), in base64 (alone or inside a Basic auth header, at any byte
// offset), in hex, wrapped across lines, or cut short. So every spelling is derived from each secret,
// and any run of text of at least MIN_RUN characters made of pieces of a spelling is replaced by ***
// (a shorter secret only as a whole). Line breaks inside a run are kept, so the log keeps its lines.

/** Secrets shorter than this are not credentials (and would mask ordinary words). */
const MIN_SECRET = 4;
/** A run this long taken from a secret (or one of its spellings) is masked wherever it appears. */
export const MIN_RUN = 8;

/** The values to hide: the named variables' values, longest first. */
export function secretValues(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): string[] {
  const values = names.map((name) => env[name] ?? '').filter((secret) => secret.length >= MIN_SECRET);
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** Every way a tool may print the secret. */
export function spellingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const spellings = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), JSON.stringify(encodeURIComponent(secret)).slice(1, -1), bytes.toString('hex')];
  // base64 depends on where the secret starts within a 3-byte group (after "user:" in a Basic header):
  // keep only the characters that the secret's bytes alone decide.
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const start = [0, 2, 3][offset] as number;
    const total = offset + bytes.length;
    const tail = total % 3 === 0 ? 0 : 1;
    const fixed = encoded.slice(start, encoded.length - tail);
    spellings.push(fixed, fixed.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(spellings.filter((spelling) => spelling.length > 0))];
}

interface Matcher {
  runs: Set<string>;
  /** Short spellings, by length: matched only whole. */
  whole: Map<number, Set<string>>;
}

const matchers = new WeakMap<readonly string[], Matcher>();
const fold = (text: string): string => text.replace(/[A-Z]/g, (char) => char.toLowerCase());

function matcherFor(secrets: readonly string[]): Matcher {
  const cached = matchers.get(secrets);
  if (cached) return cached;
  const matcher: Matcher = { runs: new Set(), whole: new Map() };
  for (const secret of secrets) {
    for (const spelling of spellingsOf(secret).map(fold)) {
      if (spelling.length >= MIN_RUN) {
        for (let index = 0; index + MIN_RUN <= spelling.length; index += 1) matcher.runs.add(spelling.slice(index, index + MIN_RUN));
      } else if (spelling.length >= MIN_SECRET) {
        const set = matcher.whole.get(spelling.length) ?? new Set<string>();
        set.add(spelling);
        matcher.whole.set(spelling.length, set);
      }
    }
  }
  matchers.set(secrets, matcher);
  return matcher;
}

export function mask(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text;
  const { runs, whole } = matcherFor(secrets);
  // Read the text without its line breaks (and the indentation after them): a wrapped secret is one run.
  const kept: number[] = [];
  let joined = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === '\n' || char === '\r') {
      while (text[index + 1] === ' ' || text[index + 1] === '\t') index += 1;
      continue;
    }
    kept.push(index);
    joined += char;
  }
  const folded = fold(joined);
  const hidden = new Uint8Array(folded.length + 1);
  const hide = (start: number, length: number): void => {
    hidden.fill(1, start, start + length);
  };
  for (let index = 0; index < folded.length; index += 1) {
    if (index + MIN_RUN <= folded.length && runs.has(folded.slice(index, index + MIN_RUN))) hide(index, MIN_RUN);
    for (const [length, set] of whole) if (set.has(folded.slice(index, index + length))) hide(index, length);
  }
  let output = '';
  let from = 0;
  for (let index = 0; index < folded.length; ) {
    if (!hidden[index]) {
      index += 1;
      continue;
    }
    let end = index;
    while (hidden[end]) end += 1;
    const first = kept[index] as number;
    const last = kept[end - 1] as number;
    output += `${text.slice(from, first)}***${text.slice(first, last + 1).replace(/[^\r\n]/g, '')}`;
    from = last + 1;
    index = end;
  }
  return output + text.slice(from);
}

/** A command line as a shell would read it, for the log: arguments quoted where needed, secrets masked. */
export function formatCommand(argv: readonly string[], secrets: readonly string[]): string {
  return argv.map((argument) => quote(mask(argument, secrets))).join(' ');
}

function quote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
