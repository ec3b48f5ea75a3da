/**
 * Per-user limit on expensive on-demand commands (/digest, /summary <url>): a sliding window of
 * `max` uses per `windowMs`. In memory: a restart forgets it, which is fine for abuse control.
 */
export interface RateLimiter {
  /** Records a use and returns 0, or returns the seconds to wait when over the limit. */
  take(key: string, now: Date): number;
}

/** A flood gate without hold, answering only how long to wait. */
export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const gate = createFloodGate({ limit: max, windowMs });
  return {
    take(key, now) {
      const verdict = gate.take(key, now);
      return verdict.ok ? 0 : verdict.seconds;
    },
  };
}

/**
 * "At most `limit` commands per `windowMs`" for one key (a user, a chat). With `holdMs`, every
 * refused command holds the key that much longer, so a flood is answered again only once it
 * pauses; without it, the key is admitted again as soon as the window has room.
 */
export interface FloodRule {
  limit: number;
  windowMs: number;
  holdMs?: number;
}

/**
 * A flood gate's answer: admitted, or refused with whether this is the refusal to tell the user
 * about: the first of a flood, a flood ending once the key had no refusal for a whole window.
 */
export type FloodVerdict = { ok: true } | { ok: false; notify: boolean; seconds: number };

/** Admits commands by a FloodRule; `notify` is true once per flood. */
export interface FloodGate {
  take(key: string, now: Date): FloodVerdict;
  /** Keys in memory (bounded: idle keys are swept). */
  readonly size: number;
}

interface FloodState {
  admitted: number[];
  heldUntil: number;
  notified: boolean;
  lastRefused: number;
}

export function createFloodGate(rule: FloodRule): FloodGate {
  const keys = new Map<string, FloodState>();
  const sweep = (t: number): void => {
    for (const [k, v] of keys) if (v.heldUntil <= t && v.admitted.every((u) => t - u >= rule.windowMs)) keys.delete(k);
  };
  return {
    take(key, now) {
      const t = now.getTime();
      const state = keys.get(key) ?? { admitted: [], heldUntil: 0, notified: false, lastRefused: -Infinity };
      state.admitted = state.admitted.filter((u) => t - u < rule.windowMs);
      keys.set(key, state);
      if (t >= state.heldUntil && state.admitted.length < rule.limit) {
        state.admitted.push(t);
        // A busy key admitted between refusals is still one flood: tell it again only after a calm window.
        if (t - state.lastRefused >= rule.windowMs) state.notified = false;
        if (keys.size > 10_000) sweep(t);
        return { ok: true };
      }
      if (rule.holdMs) state.heldUntil = Math.max(state.heldUntil, t + rule.holdMs);
      state.lastRefused = t;
      const free = state.admitted.length < rule.limit ? t : (state.admitted[0] as number) + rule.windowMs;
      const notify = !state.notified;
      state.notified = true;
      return { ok: false, notify, seconds: Math.max(1, Math.ceil((Math.max(free, state.heldUntil) - t) / 1000)) };
    },
    get size() {
      return keys.size;
    },
  };
}
