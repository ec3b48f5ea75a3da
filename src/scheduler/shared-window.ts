/**
 * The port for a platform limit counted across instances (Telegram's 30 messages/s is per bot,
 * not per process). Implemented on Redis or PostgreSQL in src/cluster/; the same sliding-window
 * rule as rate-limit.ts: a send counts from its reservation until its response, then at its end.
 */

/** One shared sliding window ("at most `limit` per `windowMs`") for one platform. */
export interface SharedWindow {
  /** Reserves a place: resolves a token, or null plus how long to wait before asking again. */
  reserve(): Promise<{ token: string } | { token: null; waitMs: number }>;
  /** The send's response arrived: the place counts from now until the window has passed. */
  done(token: string): Promise<void>;
}
