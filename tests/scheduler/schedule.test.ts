import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextRun, parseTimeOfDay, slotsBetween } from '../../src/scheduler/schedule.js';
import type { ScheduleOf } from '../../src/scheduler/schedule.js';

const sched = (timezone: string, times: string[], weekdays: number[] | null = null): ScheduleOf => ({ timezone, times, weekdays });
const between = (s: ScheduleOf, from: string, to: string): string[] => slotsBetween(s, new Date(from), new Date(to)).map((d) => d.toISOString());
const next = (s: ScheduleOf, after: string): string | undefined => nextRun(s, new Date(after))?.toISOString();

describe('parseTimeOfDay', () => {
  it('given HH:MM, returns hour and minute; given nonsense, returns null', () => {
    expect(parseTimeOfDay('07:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('7h')).toBeNull();
  });
});

describe('slotsBetween across DST', () => {
  it('given 02:30 in Europe/Berlin on the spring-forward Sunday, runs once at 03:00 CEST (the end of the gap)', () => {
    expect(between(sched('Europe/Berlin', ['02:30', '08:00']), '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z')).toEqual([
      '2025-03-29T01:30:00.000Z', '2025-03-29T07:00:00.000Z', // CET, +01:00
      '2025-03-30T01:00:00.000Z', '2025-03-30T06:00:00.000Z', // 02:30 → 03:00 CEST; 08:00 CEST
    ]);
  });

  it('given 02:30 in Europe/Berlin on the fall-back Sunday (it happens twice), runs once at the first occurrence', () => {
    expect(between(sched('Europe/Berlin', ['02:30']), '2025-10-25T12:00:00Z', '2025-10-27T12:00:00Z')).toEqual([
      '2025-10-26T00:30:00.000Z', // 02:30 CEST, not 02:30 CET (01:30Z)
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('given several times inside the America/New_York gap, they collapse into one slot at 03:00 EDT', () => {
    expect(between(sched('America/New_York', ['02:00', '02:59', '03:00', '09:00']), '2025-03-09T00:00:00Z', '2025-03-10T00:00:00Z')).toEqual([
      '2025-03-09T07:00:00.000Z', '2025-03-09T13:00:00.000Z',
    ]);
  });

  it('given 01:30 in America/New_York on the fall-back Sunday, runs once in EDT', () => {
    expect(between(sched('America/New_York', ['01:30']), '2025-11-01T12:00:00Z', '2025-11-03T12:00:00Z')).toEqual([
      '2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z',
    ]);
  });

  it('given Australia/Sydney (southern hemisphere), handles April fall-back and October spring-forward', () => {
    expect(between(sched('Australia/Sydney', ['02:30', '07:00']), '2025-04-05T00:00:00Z', '2025-04-06T12:00:00Z')).toEqual([
      '2025-04-05T15:30:00.000Z', // 02:30 AEDT (first of two)
      '2025-04-05T21:00:00.000Z', // 07:00 AEST
    ]);
    expect(between(sched('Australia/Sydney', ['02:30', '07:00']), '2025-10-04T00:00:00Z', '2025-10-05T12:00:00Z')).toEqual([
      '2025-10-04T16:00:00.000Z', // 02:30 does not exist: 03:00 AEDT
      '2025-10-04T20:00:00.000Z', // 07:00 AEDT
    ]);
  });

  it('given Asia/Kolkata (+05:30, no DST), slots sit on the half hour in UTC', () => {
    expect(between(sched('Asia/Kolkata', ['09:00', '21:15']), '2025-06-01T00:00:00Z', '2025-06-02T00:00:00Z')).toEqual([
      '2025-06-01T03:30:00.000Z', '2025-06-01T15:45:00.000Z',
    ]);
  });

  it('given Pacific/Chatham (+12:45/+13:45, DST at 02:45 local), handles both changes', () => {
    expect(between(sched('Pacific/Chatham', ['02:50']), '2025-09-26T00:00:00Z', '2025-09-29T00:00:00Z')).toEqual([
      '2025-09-26T14:05:00.000Z', // +12:45
      '2025-09-27T14:00:00.000Z', // in the gap: 03:45 +13:45
      '2025-09-28T13:05:00.000Z', // +13:45
    ]);
    expect(between(sched('Pacific/Chatham', ['03:00']), '2025-04-05T00:00:00Z', '2025-04-06T00:00:00Z')).toEqual([
      '2025-04-05T13:15:00.000Z', // first 03:00, still +13:45
    ]);
  });
});

describe('slotsBetween with weekdays and several times a day', () => {
  it('given Mon/Wed/Fri at three times in Berlin summer, returns nine slots in a week, oldest first', () => {
    const s = sched('Europe/Berlin', ['07:30', '12:00', '18:45'], [1, 3, 5]);
    const got = between(s, '2025-06-01T00:00:00Z', '2025-06-08T00:00:00Z');
    expect(got).toHaveLength(9);
    expect(got.slice(0, 3)).toEqual(['2025-06-02T05:30:00.000Z', '2025-06-02T10:00:00.000Z', '2025-06-02T16:45:00.000Z']);
    expect(got.map((g) => new Date(g).getUTCDay())).toEqual([1, 1, 1, 3, 3, 3, 5, 5, 5]);
  });

  it('excludes `from` and includes `to`', () => {
    const s = sched('UTC', ['08:00']);
    expect(between(s, '2025-06-01T08:00:00Z', '2025-06-02T08:00:00Z')).toEqual(['2025-06-02T08:00:00.000Z']);
  });

  it('uses the local weekday, not the UTC one', () => {
    // Monday 07:00 in Sydney is Sunday 21:00 UTC.
    expect(between(sched('Australia/Sydney', ['07:00'], [1]), '2025-06-01T00:00:00Z', '2025-06-08T00:00:00Z')).toEqual(['2025-06-01T21:00:00.000Z']);
  });
});

describe('nextRun', () => {
  it('given a time exactly at a slot, returns the next one (strictly after)', () => {
    expect(next(sched('UTC', ['08:00', '20:00']), '2025-06-01T08:00:00Z')).toBe('2025-06-01T20:00:00.000Z');
  });

  it('given weekdays, skips to the next allowed local day', () => {
    expect(next(sched('Asia/Kolkata', ['09:00'], [1]), '2025-06-01T00:00:00Z')).toBe('2025-06-02T03:30:00.000Z');
    expect(next(sched('Asia/Kolkata', ['09:00'], [1]), '2025-06-02T03:30:00Z')).toBe('2025-06-09T03:30:00.000Z');
  });

  it('given the night of spring-forward, returns the end of the gap', () => {
    expect(next(sched('Europe/Berlin', ['02:30']), '2025-03-29T02:00:00Z')).toBe('2025-03-30T01:00:00.000Z');
  });

  it('given no times or no weekdays, returns null', () => {
    expect(nextRun(sched('UTC', []), new Date('2025-06-01T00:00:00Z'))).toBeNull();
    expect(nextRun(sched('UTC', ['08:00'], []), new Date('2025-06-01T00:00:00Z'))).toBeNull();
  });
});

describe('schedule properties', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'America/Santiago'];
  const arb = fc.record({
    zone: fc.constantFrom(...zones),
    times: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { minLength: 1, maxLength: 4 }),
    weekdays: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }), { nil: null }),
    from: fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2027-01-01') }),
    spanHours: fc.integer({ min: 1, max: 24 * 9 }),
  });

  it('slots are sorted, unique, inside (from, to], and nextRun is the first slot after `after`', () => {
    fc.assert(fc.property(arb, ({ zone, times, weekdays, from, spanHours }) => {
      const s = sched(zone, times.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`), weekdays);
      const to = from + spanHours * 3_600_000;
      const slots = slotsBetween(s, new Date(from), new Date(to)).map((d) => d.getTime());
      for (let i = 0; i < slots.length; i++) {
        expect(slots[i]).toBeGreaterThan(i === 0 ? from : (slots[i - 1] as number));
        expect(slots[i]).toBeLessThanOrEqual(to);
      }
      const week = slotsBetween(s, new Date(from), new Date(from + 9 * 86_400_000));
      expect(nextRun(s, new Date(from))?.getTime()).toBe(week[0]?.getTime());
    }), { numRuns: 150 });
  });
});
