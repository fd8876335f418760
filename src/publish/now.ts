// The build's "now": SOURCE_DATE_EPOCH (seconds since the epoch) when set, else the clock. Anything
// that depends on the time of the build (the news sitemap's two-day window) asks here, so the same
// content and the same SOURCE_DATE_EPOCH always give the same output (ARCHITECTURE decision 7).
import { BroadsheetError } from '../content/errors.ts';

/** Raised when SOURCE_DATE_EPOCH is set but is not a whole number of seconds. */
export class SourceDateEpochError extends BroadsheetError {
  constructor(value: string) {
    super(`SOURCE_DATE_EPOCH is "${value}", which is not a number of seconds since 1970. Set it to e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) or unset it.`);
    this.name = 'SourceDateEpochError';
  }
}

/** The build time in milliseconds since the epoch. */
export function buildNow(env: NodeJS.ProcessEnv = process.env, clock: () => number = Date.now): number {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  if (value === undefined || value === '') return clock();
  if (!/^\d+$/.test(value)) throw new SourceDateEpochError(value);
  return Number(value) * 1000;
}
