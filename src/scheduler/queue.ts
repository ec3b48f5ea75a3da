/**
 * One send queue per platform, shared by scheduled digests and command replies: callers wait
 * their turn, and a single dispatcher hands out permits as the platform's limits allow
 * (rate-limit.ts). Waiters are kept per chat and chats are served round robin, so a chat with a
 * thousand sends waiting gets one turn per round like a chat with one: a flood from one chat
 * cannot starve the others. One loop instead of every waiter polling keeps 1,000 waiting chats
 * from waking 1,000 times per free place.
 */
import type { Clock } from './clock.js';
import { SendWindows } from './rate-limit.js';
import type { LimitRule, Reservation } from './rate-limit.js';
import type { SharedWindow } from './shared-window.js';

type Resolve = (permit: Reservation | null) => void;

/** Fair, limit-aware admission of sends for one platform: FIFO within a chat, round robin across chats. */
export class SendQueue {
  private readonly windows: SendWindows;
  /** Waiters of each chat in arrival order; a chat is in `ring` exactly while it has waiters. */
  private readonly byChat = new Map<string, Resolve[]>();
  private readonly ring: string[] = [];
  /** Where in `ring` the next round-robin scan starts. */
  private turn = 0;
  private count = 0;
  private running = false;
  private closed = false;
  private kick: (() => void) | null = null;

  /** `shared`: the platform's global limit as counted across instances (multi-instance mode), checked after the local rules. */
  constructor(rules: readonly LimitRule[], private readonly clock: Clock, private readonly shared?: SharedWindow) {
    this.windows = new SendWindows(rules);
  }

  /**
   * Waits until a send to `chatId` is allowed and reserves it. Resolves null once the queue is
   * closed (shutdown): the caller stops and leaves its record to be resumed.
   * Call `release(permit)` when the send's response arrived.
   */
  acquire(chatId: string): Promise<Reservation | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const list = this.byChat.get(chatId);
      if (list) list.push(resolve);
      else {
        this.byChat.set(chatId, [resolve]);
        this.ring.push(chatId);
      }
      this.count++;
      this.wake();
      void this.pump();
    });
  }

  /** Releases a permit; frees its place for the next waiter. */
  release(permit: Reservation): void {
    permit.done(this.clock.now().getTime());
    this.wake();
  }

  /** The platform answered 429: nothing to this chat for `ms`. */
  retryAfter(chatId: string, ms: number): void {
    this.windows.block(chatId, this.clock.now().getTime() + ms);
    this.wake();
  }

  /** Number of callers waiting. */
  get waiting(): number {
    return this.count;
  }

  /** Number of callers waiting to send to `chatId`. */
  waitingFor(chatId: string): number {
    return this.byChat.get(chatId)?.length ?? 0;
  }

  /** True once close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops admitting: every waiter (and later caller) gets null. */
  close(): void {
    this.closed = true;
    const all = [...this.byChat.values()].flat();
    this.byChat.clear();
    this.ring.length = 0;
    this.count = 0;
    for (const resolve of all) resolve(null);
    this.wake();
  }

  /** A local reservation that also frees its shared place when done. */
  private withShared(local: Reservation, token: string | null): Reservation {
    const shared = this.shared;
    if (!shared || token === null) return local;
    return {
      done(at) {
        local.done(at);
        void shared.done(token);
      },
    };
  }

  private wake(): void {
    const k = this.kick;
    this.kick = null;
    k?.();
  }

  /** The first chat from the current turn on that may receive now, or how long until one may. */
  private pick(now: number): { chat: string } | { waitMs: number } {
    const global = this.windows.globalWaitMs(now);
    if (global > 0) return { waitMs: global };
    let soonest = Infinity;
    const n = this.ring.length;
    for (let k = 0; k < n; k++) {
      const chat = this.ring[(this.turn + k) % n] as string;
      const wait = this.windows.chatWaitMs(chat, now);
      if (wait <= 0) return { chat };
      soonest = Math.min(soonest, wait);
    }
    return { waitMs: soonest };
  }

  /** Hands the chat's first waiter its permit and moves the turn past the chat. */
  private grant(chat: string, token: string | null): void {
    const list = this.byChat.get(chat) as Resolve[];
    const resolve = list.shift() as Resolve;
    this.count--;
    const at = this.ring.indexOf(chat);
    if (list.length === 0) {
      this.byChat.delete(chat);
      this.ring.splice(at, 1);
      this.turn = at; // the chat after it moved into its place
    } else this.turn = at + 1;
    if (this.turn >= this.ring.length) this.turn = 0;
    resolve(this.withShared(this.windows.reserve(chat, this.clock.now().getTime()), token));
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed && this.count > 0) {
        const choice = this.pick(this.clock.now().getTime());
        if ('chat' in choice) {
          let token: string | null = null;
          if (this.shared) {
            const r = await this.shared.reserve();
            if (r.token === null) {
              await this.clock.sleep(r.waitMs);
              continue;
            }
            token = r.token;
            // close() may have emptied the lists meanwhile; only this loop removes a chat's waiter otherwise.
            if (this.closed) {
              void this.shared.done(token);
              break;
            }
          }
          this.grant(choice.chat, token);
          continue;
        }
        // Nothing can go now: sleep until the first place frees up, or until something changes.
        const soonest = choice.waitMs;
        const wakeUp = new AbortController();
        const kicked = new Promise<void>((resolve) => {
          this.kick = resolve;
        });
        await (soonest === Infinity ? kicked : Promise.race([this.clock.sleep(soonest, wakeUp.signal), kicked]));
        wakeUp.abort(); // cancels the timer when a kick came first
        this.kick = null;
      }
    } finally {
      this.running = false;
    }
  }
}

/** Runs at most `size` tasks at once, the rest in FIFO order: bounds memory when thousands are due. */
export class Pool {
  private active = 0;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queued.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queued.shift();
      if (next) next();
      else this.active--;
    }
  }
}
