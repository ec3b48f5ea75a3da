/**
 * Platform send limits as sliding windows. Pure bookkeeping (time is passed in); the queue
 * (queue.ts) does the waiting. A send counts from the moment it is reserved until its response
 * arrives, and then at its completion time: the platform counts arrivals, and an arrival comes
 * after our reservation, so counting the completion keeps us under the limit whatever the
 * network jitter, at the cost of one round trip per window.
 */

/** "At most `limit` sends per `windowMs`" for the chats `keyOf` maps to one key (null: rule does not apply). */
export interface LimitRule {
  name: string;
  limit: number;
  windowMs: number;
  keyOf(chatId: string): string | null;
  /** The rule has one key for every chat (checked once per dispatch, not per waiting chat). */
  global?: boolean;
}

/** No limit (local prints, tests). */
export const NO_LIMITS: readonly LimitRule[] = [];

interface Entry {
  /** Reservation time while in flight, completion time after. */
  t: number;
  inFlight: boolean;
}

/** A reserved send; call `done(at)` when its response arrived (success or failure). */
export interface Reservation {
  done(at: number): void;
}

/** Sliding-window counters for a set of rules, plus per-chat blocks from 429 answers. */
export class SendWindows {
  private readonly entries: Map<string, Entry[]>[];
  private readonly blockedUntil = new Map<string, number>();
  private puts = 0;

  constructor(private readonly rules: readonly LimitRule[]) {
    this.entries = rules.map(() => new Map());
  }

  /**
   * How long `chatId` must wait from `now` before a send is allowed: 0 when allowed now,
   * Infinity when only an in-flight send completing can free a place.
   */
  waitMs(chatId: string, now: number): number {
    return Math.max(this.globalWaitMs(now), this.chatWaitMs(chatId, now));
  }

  /** The wait imposed by the global rules alone. */
  globalWaitMs(now: number): number {
    return this.ruleWait(now, null);
  }

  /** The wait imposed by the per-chat rules and blocks alone. */
  chatWaitMs(chatId: string, now: number): number {
    return Math.max(this.ruleWait(now, chatId), (this.blockedUntil.get(chatId) ?? 0) - now, 0);
  }

  /** Max wait over the global rules (`chatId` null) or the per-chat rules. */
  private ruleWait(now: number, chatId: string | null): number {
    let wait = 0;
    this.rules.forEach((rule, i) => {
      if ((rule.global === true) !== (chatId === null)) return;
      const key = rule.keyOf(chatId ?? '');
      if (key === null) return;
      const list = this.live(i, key, now, rule.windowMs);
      if (list.length < rule.limit) return;
      const done = list.filter((e) => !e.inFlight).map((e) => e.t).sort((a, b) => a - b);
      const mustExpire = list.length - rule.limit + 1;
      const t = done[mustExpire - 1];
      wait = Math.max(wait, t === undefined ? Infinity : t + rule.windowMs - now);
    });
    return wait;
  }

  /** Counts a send to `chatId` starting at `now` (call only when waitMs is 0). */
  reserve(chatId: string, now: number): Reservation {
    const mine: Entry[] = [];
    this.rules.forEach((rule, i) => {
      const key = rule.keyOf(chatId);
      if (key === null) return;
      const map = this.entries[i] as Map<string, Entry[]>;
      const entry: Entry = { t: now, inFlight: true };
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
      mine.push(entry);
    });
    if (++this.puts % 1000 === 0) this.sweep(now);
    return {
      done: (at) => {
        for (const e of mine) {
          e.t = Math.max(e.t, at);
          e.inFlight = false;
        }
      },
    };
  }

  /** The platform said "retry after": nothing goes to `chatId` before `until`. */
  block(chatId: string, until: number): void {
    this.blockedUntil.set(chatId, Math.max(until, this.blockedUntil.get(chatId) ?? 0));
  }

  /** Number of keys with live entries (for tests: memory stays bounded). */
  trackedKeys(): number {
    return this.entries.reduce((n, m) => n + m.size, 0) + this.blockedUntil.size;
  }

  /** Drops expired entries and blocks, so 10,000 chats once do not stay in memory forever. */
  sweep(now: number): void {
    this.rules.forEach((rule, i) => {
      for (const key of [...(this.entries[i] as Map<string, Entry[]>).keys()]) this.live(i, key, now, rule.windowMs);
    });
    for (const [chat, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(chat);
  }

  private live(i: number, key: string, now: number, windowMs: number): Entry[] {
    const map = this.entries[i] as Map<string, Entry[]>;
    const list = map.get(key);
    if (!list) return [];
    const kept = list.filter((e) => e.inFlight || e.t > now - windowMs);
    if (kept.length === 0) map.delete(key);
    else if (kept.length !== list.length) map.set(key, kept);
    return kept;
  }
}
