// Every request to a bucket or a CDN API may meet a busy or flaky network. A request that was throttled
// (429, 503 SlowDown), hit a server error (5xx) or lost its connection is tried again after an
// exponential delay with full jitter (AWS's "Exponential Backoff And Jitter"); anything else (403, a
// checksum the server refused) fails at once, since trying again cannot help.

export interface RetryOptions {
  /** Tries in all, the first one included. */
  attempts?: number;
  /** The first delay's ceiling; doubles each try up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told about every failed try that will be tried again. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const THROTTLE_NAMES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'RequestTimeoutException', 'TooManyRequests', 'InternalError', 'ServiceUnavailable', 'TimeoutError', 'BadDigest', 'ChecksumMismatch']);

/** The HTTP status an SDK error carries, if any. */
export function statusOf(error: unknown): number | undefined {
  const meta = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return meta ?? (error as { status?: number; statusCode?: number } | null)?.statusCode ?? (error as { status?: number } | null)?.status;
}

export function isRetryable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { name, code, cause } = error as { name?: string; code?: string; cause?: unknown };
  const status = statusOf(error);
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  if ((name && THROTTLE_NAMES.has(name)) || (code && (NETWORK_CODES.has(code) || THROTTLE_NAMES.has(code)))) return true;
  if (/socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|other side closed|terminated/i.test(String((error as Error).message))) return true;
  return cause !== undefined && cause !== error && isRetryable(cause);
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` until it succeeds, fails for good, or the tries are used up (then its last error is thrown). */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const delay = Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1)));
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
