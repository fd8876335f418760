// Secrets never reach a log: every value of a secret environment variable is replaced before printing.

/** The values to hide: the named variables' values (long enough to be a credential). */
export function secretValues(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): string[] {
  const values = names.map((name) => env[name] ?? '').filter((secret) => secret.length >= 4);
  // A secret in a query string is percent-encoded (the Baidu token): hide that spelling too.
  return [...new Set([...values, ...values.map(encodeURIComponent)])].sort((a, b) => b.length - a.length);
}

export function mask(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join('***');
  return masked;
}

/** A command line as a shell would read it, for the log: arguments quoted where needed, secrets masked. */
export function formatCommand(argv: readonly string[], secrets: readonly string[]): string {
  return argv.map((argument) => quote(mask(argument, secrets))).join(' ');
}

function quote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
