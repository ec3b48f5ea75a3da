/**
 * Per-user limit on expensive on-demand commands (/digest, /summary <url>): a sliding window of
 * `max` uses per `windowMs`. In memory: a restart forgets it, which is fine for abuse control.
 */
export interface RateLimiter {
  /** Records a use and returns 0, or returns the seconds to wait when over the limit. */
  take(key: string, now: Date): number;
}

export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const uses = new Map<string, number[]>();
  return {
    take(key, now) {
      const t = now.getTime();
      const recent = (uses.get(key) ?? []).filter((u) => t - u < windowMs);
      if (recent.length >= max) {
        uses.set(key, recent);
        return Math.max(1, Math.ceil((recent[0]! + windowMs - t) / 1000));
      }
      recent.push(t);
      uses.set(key, recent);
      if (uses.size > 10_000) {
        for (const [k, v] of uses) if (v.every((u) => t - u >= windowMs)) uses.delete(k);
      }
      return 0;
    },
  };
}
