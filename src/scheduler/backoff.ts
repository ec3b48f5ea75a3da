/** How failed sends and store writes are retried: the policy and its backoff. */

/** How failed sends are retried. */
export interface RetryPolicy {
  /** Sends of one message that fail transiently before the slot is 'failed'. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429 answers honoured for one message before giving up (the platform keeps refusing). */
  maxRateLimitWaits: number;
}

export const DEFAULT_RETRY = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000, maxRateLimitWaits: 10 } as const satisfies RetryPolicy;

/** Backoff before transient retry `n` (1-based): exponential, capped, with equal jitter. */
export function backoffMs(n: number, policy: RetryPolicy, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
