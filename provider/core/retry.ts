// When to retry and how long to wait, shaped like got's `retry` option.
import { MAX_TIMER_MS, onAbort } from "./abort";

export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly limit: number;
  /** HTTP statuses worth another attempt. */
  readonly statusCodes: readonly number[];
  /** Network error codes worth another attempt. */
  readonly errorCodes: readonly string[];
  /** First backoff in ms; doubles each retry. */
  readonly baseDelayMs: number;
  /** Largest backoff in ms. */
  readonly backoffLimitMs: number;
  /** Largest Retry-After the client will honour, in ms; a longer one fails the call instead. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  limit: 4,
  statusCodes: [429, 500, 502, 503, 504],
  errorCodes: ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ERR_BAD_RESPONSE_BODY"],
  baseDelayMs: 250,
  backoffLimitMs: 10_000,
  maxRetryAfterMs: 60_000,
};

/** Parses a Retry-After header (delta-seconds or an HTTP date) into ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Backoff before retry number `retry` (1-based): exponential, capped, with equal jitter (half fixed, half random). */
export function backoffDelay(retry: number, opts: RetryOptions, random: () => number = Math.random): number {
  const exp = Math.min(opts.backoffLimitMs, opts.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * The delay before retry number `retry`, or undefined when the server asked to wait longer than
 * `maxRetryAfterMs`. A Retry-After from the server wins over the computed backoff.
 */
export function retryDelay(retry: number, retryAfterMs: number | undefined, opts: RetryOptions): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > opts.maxRetryAfterMs ? undefined : retryAfterMs;
  return backoffDelay(retry, opts);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      unsubscribe?.();
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    const unsubscribe =
      signal &&
      onAbort(signal, (reason) => {
        clearTimeout(timer);
        reject(reason);
      });
  });
}
