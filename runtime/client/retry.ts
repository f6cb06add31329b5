/** When to retry and how long to wait: exponential backoff with jitter, `Retry-After` first. */
import type { RetryOptions } from "./types.js";

/** 409 (conflict / idempotency in progress), 429 (rate limited) and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 409 || status === 429 || status >= 500;
}

/**
 * Whether to retry an answer (when retries are left). The server's explicit `Stripe-Should-Retry`
 * wins, as in stripe-node (`RequestSender._shouldRetry`): `false` never retries, `true` always does;
 * otherwise the status decides (isRetryableStatus).
 */
export function shouldRetry(status: number, headers: Headers): boolean {
  const advice = headers.get("stripe-should-retry")?.trim().toLowerCase();
  if (advice === "false") return false;
  if (advice === "true") return true;
  return isRetryableStatus(status);
}

/** `Retry-After: 2` or an HTTP date → milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (1-based): `Retry-After` when the server gave one (capped at
 * maxRetryAfterMs), else base·2^(retry-1) capped at maxDelayMs, scaled by a random factor in [0.5, 1).
 */
export function retryDelay(retry: number, retryAfterMs: number | undefined, options: RetryOptions = {}, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs ?? 60_000);
  const base = options.baseDelayMs ?? 500;
  const capped = Math.min(options.maxDelayMs ?? 8_000, base * 2 ** (retry - 1));
  return Math.round(capped * (0.5 + random() / 2));
}

/** Wait, unless the caller aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
