/** Subscriptions the scheduler benches share: 2 times a day each, spread over the day, in several zones. */
import type { Subscription } from '../../src/model.js';

export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Los_Angeles', 'Asia/Tokyo'];

/** `n` subscriptions, the same ones on every run (a fixed seed). */
export function subscriptions(n: number): Subscription[] {
  let seed = 42;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return Array.from({ length: n }, (_, i) => {
    const a = rand(1440);
    const b = (a + 360 + rand(720)) % 1440;
    return {
      id: `telegram:${i + 1}`, platform: 'telegram', chatId: String(i + 1), scope: `telegram:${i + 1}`, active: true,
      times: [hhmm(Math.min(a, b)), hhmm(Math.max(a, b))], weekdays: rand(4) === 0 ? [1, 2, 3, 4, 5] : null,
      timezone: ZONES[rand(ZONES.length)] as string, topics: [], mutes: [], maxStories: 10, paused: null,
      createdAt: '2025-06-02T00:00:00.000Z', updatedAt: '2025-06-02T00:00:00.000Z', lastDigestAt: null,
    };
  });
}
