import { describe, expect, it } from 'vitest';
import { Pool, SendQueue } from '../../src/scheduler/queue.js';
import { TELEGRAM_LIMITS } from '../../src/bots/telegram/limits.js';
import { VirtualClock } from './helpers/virtual-clock.js';

const T0 = '2025-06-01T08:00:00.000Z';

/** Sends through the queue; each send takes `latencyMs`. Returns the start time of each send (ms after T0). */
async function sendAll(clock: VirtualClock, queue: SendQueue, chats: string[], latencyMs = 0): Promise<number[]> {
  const t0 = clock.now().getTime();
  return Promise.all(chats.map(async (chat) => {
    const permit = await queue.acquire(chat);
    if (!permit) throw new Error('closed');
    const at = clock.now().getTime() - t0;
    if (latencyMs > 0) await clock.sleep(latencyMs);
    queue.release(permit);
    return at;
  }));
}

describe('SendQueue', () => {
  it('given 90 chats at once, sends 30 per second overall', async () => {
    const clock = new VirtualClock(T0);
    const q = new SendQueue(TELEGRAM_LIMITS, clock);
    const starts = await clock.run(sendAll(clock, q, Array.from({ length: 90 }, (_, i) => `${i + 1}`)));
    for (const s of starts) {
      const inWindow = starts.filter((x) => x > s - 1000 && x <= s).length;
      expect(inWindow).toBeLessThanOrEqual(30);
    }
    expect(Math.max(...starts)).toBe(2000);
  });

  it('given 3 messages to one chat, spaces them 1 s after each completes', async () => {
    const clock = new VirtualClock(T0);
    const q = new SendQueue(TELEGRAM_LIMITS, clock);
    const starts = await clock.run(sendAll(clock, q, ['5', '5', '5'], 40));
    expect(starts).toEqual([0, 1040, 2080]);
  });

  it('given a chat blocked by a 429, lets other chats go first (FIFO among those allowed)', async () => {
    const clock = new VirtualClock(T0);
    const q = new SendQueue(TELEGRAM_LIMITS, clock);
    q.retryAfter('1', 3000);
    const starts = await clock.run(sendAll(clock, q, ['1', '2', '3']));
    expect(starts).toEqual([3000, 0, 0]);
  });

  it('given one chat with 100 sends waiting, serves another chat\'s send in the next turn, not after the 100 (round robin)', async () => {
    const clock = new VirtualClock(T0);
    // Only a global limit (2/s), so the flooding chat itself is never held: only fairness keeps it from taking every place.
    const q = new SendQueue([{ name: 'global', limit: 2, windowMs: 1000, keyOf: () => '*', global: true }], clock);
    const flood = Array.from({ length: 100 }, () => 'flood');
    const starts = await clock.run(sendAll(clock, q, [...flood, 'digest-a', 'digest-b']));
    // FIFO would serve them after the flood, 50 s later; round robin within the first two seconds (3 chats, 2 places a second).
    const [a, b] = starts.slice(100);
    expect(a).toBeLessThanOrEqual(2000);
    expect(b).toBeLessThanOrEqual(2000);
    // And the flood still goes on at the limit's pace, in order.
    expect(starts.slice(0, 100)).toEqual([...starts.slice(0, 100)].sort((x, y) => x - y));
    expect(Math.max(...starts)).toBe(50_000);
  });

  it('given several flooding chats and a quiet one, each chat gets one send per round', async () => {
    const clock = new VirtualClock(T0);
    const q = new SendQueue([{ name: 'global', limit: 1, windowMs: 1000, keyOf: () => '*', global: true }], clock);
    const order: string[] = [];
    const chats = [...Array.from({ length: 5 }, () => 'x'), ...Array.from({ length: 5 }, () => 'y'), 'z'];
    await clock.run(Promise.all(chats.map(async (chat) => {
      const permit = await q.acquire(chat);
      if (!permit) throw new Error('closed');
      order.push(chat);
      q.release(permit);
    })));
    // The first x went at once (alone then); from the next place on, the chats take turns.
    expect(order.slice(0, 7)).toEqual(['x', 'x', 'y', 'z', 'x', 'y', 'x']);
    expect(q.waiting).toBe(0);
  });

  it('given close(), answers every waiter with null', async () => {
    const clock = new VirtualClock(T0);
    const q = new SendQueue(TELEGRAM_LIMITS, clock);
    const first = await q.acquire('9');
    const second = q.acquire('9');
    q.close();
    expect(first).not.toBeNull();
    expect(await second).toBeNull();
    expect(await q.acquire('10')).toBeNull();
  });
});

describe('Pool', () => {
  it('given 10 tasks and size 3, never runs more than 3 at once and runs them all', async () => {
    const pool = new Pool(3);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => pool.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      done.push(i);
    })));
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
