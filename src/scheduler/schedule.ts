/**
 * Pure schedule arithmetic: when does a subscription's digest run? Every slot is a local wall
 * time ("HH:MM" on allowed weekdays) in the subscription's IANA zone, turned into an instant with
 * Intl only. DST rules (see instantOf): a time inside the spring-forward gap runs once at the end
 * of the gap; a time repeated at fall-back runs once, at its first occurrence.
 */
import type { Subscription } from '../model.js';
import { addDays, instantOf, localDateAt, weekdayOf } from './zoned-time.js';
import type { LocalDate } from './zoned-time.js';

/** The part of a subscription its schedule depends on. */
export type ScheduleOf = Pick<Subscription, 'times' | 'weekdays' | 'timezone'>;

/** A parsed delivery time. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** "HH:MM" (24-hour) → hour and minute, or null when malformed. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

function timesOf(sub: ScheduleOf): TimeOfDay[] {
  return sub.times.map(parseTimeOfDay).filter((t): t is TimeOfDay => t !== null);
}

/** Slots (ms) of one local day, unsorted, possibly with duplicates (two times in one DST gap). */
function slotsOnDay(sub: ScheduleOf, times: TimeOfDay[], day: LocalDate): number[] {
  if (sub.weekdays !== null && !sub.weekdays.includes(weekdayOf(day))) return [];
  return times.map((t) => instantOf(sub.timezone, day, t.hour, t.minute));
}

/** Every scheduled slot in (from, to], oldest first, each instant once. */
export function slotsBetween(sub: ScheduleOf, from: Date, to: Date): Date[] {
  const times = timesOf(sub);
  const lo = from.getTime();
  const hi = to.getTime();
  if (times.length === 0 || hi <= lo) return [];
  const out = new Set<number>();
  // One local day either side: a slot's instant can fall on a neighbouring UTC/local date.
  let day = addDays(localDateAt(sub.timezone, lo), -1);
  const last = addDays(localDateAt(sub.timezone, hi), 1);
  for (let guard = 0; guard < 100_000; guard++) {
    for (const t of slotsOnDay(sub, times, day)) if (t > lo && t <= hi) out.add(t);
    if (day.year === last.year && day.month === last.month && day.day === last.day) break;
    day = addDays(day, 1);
  }
  return [...out].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The first slot strictly after `after`, or null when the schedule has no time or no weekday. */
export function nextRun(sub: ScheduleOf, after: Date): Date | null {
  const times = timesOf(sub);
  if (times.length === 0 || (sub.weekdays !== null && sub.weekdays.length === 0)) return null;
  const lo = after.getTime();
  const start = addDays(localDateAt(sub.timezone, lo), -1);
  let best: number | null = null;
  let foundOn: number | null = null;
  // A week and a bit covers any weekday set; the day after a hit is checked too, since a
  // DST shift can in principle reorder instants across a day boundary.
  for (let i = 0; i <= 9; i++) {
    for (const t of slotsOnDay(sub, times, addDays(start, i))) {
      if (t > lo && (best === null || t < best)) best = t;
    }
    if (best !== null) {
      foundOn ??= i;
      if (i > foundOn) break;
    }
  }
  return best === null ? null : new Date(best);
}
