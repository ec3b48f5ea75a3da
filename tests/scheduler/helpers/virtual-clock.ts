/**
 * A virtual clock for tests: `sleep` registers a timer, and `run(promise)` advances time to the
 * next timer only when nothing else can happen (all microtasks drained), so retry waits and rate
 * limits take no real time and every timestamp is exact.
 */
import type { Clock } from '../../../src/scheduler/clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      }, { once: true });
    });
  }

  /** Timers still pending (a stopped scheduler should leave none). */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward (firing due timers in order). */
  async advanceTo(when: string | Date): Promise<void> {
    const target = new Date(when).getTime();
    for (;;) {
      await idle();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.t = Math.max(this.t, target);
    await idle();
  }

  /**
   * Awaits `p`, advancing virtual time whenever everything is waiting on a timer. With `io`, the
   * work also does real I/O (files): with no timer pending it waits for the I/O (up to 30 s) instead
   * of calling the work stuck.
   */
  async run<T>(p: Promise<T>, opts: { io?: boolean } = {}): Promise<T> {
    let settled = false;
    p.then(() => (settled = true), () => (settled = true));
    for (let steps = 0, waited = 0; steps < 1_000_000; steps++) {
      await idle();
      if (settled) return p;
      const next = this.earliest();
      if (!next && opts.io && waited < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        waited += 2;
        continue;
      }
      if (!next) throw new Error('virtual clock: the awaited work is stuck with no timer pending');
      waited = 0;
      this.fire(next);
    }
    throw new Error('virtual clock: too many steps');
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }
}

/** Lets every pending microtask (and promise chain) run. */
export function idle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
