/**
 * One send queue per platform: callers wait their turn in FIFO order, and a single dispatcher
 * hands out permits as the platform's limits allow (rate-limit.ts). One loop instead of every
 * waiter polling keeps 1,000 waiting chats from waking 1,000 times per free place.
 */
import type { Clock } from './clock.js';
import { SendWindows } from './rate-limit.js';
import type { LimitRule, Reservation } from './rate-limit.js';
import type { SharedWindow } from './shared-window.js';

interface Waiter {
  chatId: string;
  resolve(permit: Reservation | null): void;
}

/** FIFO, limit-aware admission of sends for one platform. */
export class SendQueue {
  private readonly windows: SendWindows;
  private readonly waiters: Waiter[] = [];
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
   * Call `done(now)` on the permit when the send's response arrived.
   */
  acquire(chatId: string): Promise<Reservation | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiters.push({ chatId, resolve });
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
  }

  /** Number of callers waiting. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Stops admitting: every waiter (and later caller) gets null. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.resolve(null);
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

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed && this.waiters.length > 0) {
        const now = this.clock.now().getTime();
        // Global limits first (one check), then the first waiter whose chat may receive now.
        let soonest = this.windows.globalWaitMs(now);
        let index = -1;
        if (soonest <= 0) {
          soonest = Infinity;
          for (let i = 0; i < this.waiters.length; i++) {
            const wait = this.windows.chatWaitMs((this.waiters[i] as Waiter).chatId, now);
            if (wait <= 0) {
              index = i;
              break;
            }
            soonest = Math.min(soonest, wait);
          }
        }
        if (index >= 0) {
          let token: string | null = null;
          if (this.shared) {
            const r = await this.shared.reserve();
            if (r.token === null) {
              await this.clock.sleep(r.waitMs);
              continue;
            }
            token = r.token;
            // close() may have emptied the list meanwhile; only this loop removes from the middle.
            if (this.closed) {
              void this.shared.done(token);
              break;
            }
          }
          const [w] = this.waiters.splice(index, 1) as [Waiter];
          w.resolve(this.withShared(this.windows.reserve(w.chatId, this.clock.now().getTime()), token));
          continue;
        }
        // Nothing can go now: sleep until the first place frees up, or until something changes.
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
