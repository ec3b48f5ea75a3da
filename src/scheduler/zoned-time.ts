/**
 * Wall-clock time in an IANA zone, with Intl only (no tz database dependency).
 * The zone offset at an instant comes from Intl.DateTimeFormat; turning a local wall time back
 * into an instant picks, among the offsets in force around it, the one that reproduces it.
 */

/** A local calendar date in some zone; `month` is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown zone: a subscription with a bad zone is a bug upstream.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at instant `ms`, expressed as if it were UTC (ms since epoch). */
export function wallAt(zone: string, ms: number): number {
  let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  for (const p of formatter(zone).formatToParts(ms)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      default: break;
    }
  }
  // Date.UTC maps years 0-99 to 1900s; irrelevant for real schedules but keep it exact.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function rawOffset(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAt(zone, whole) - whole;
}

// Intl formatting costs microseconds; a scheduler with 10k subscriptions asks for the same zones
// and hours over and over. Offsets are cached per quarter hour, but only for quarter hours whose
// first and last second agree, so a transition inside one is still answered exactly.
const QUARTER = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 50_000;

/** Offset of `zone` from UTC at instant `ms`, in ms (e.g. +3_600_000 for CET). */
export function offsetAt(zone: string, ms: number): number {
  const bucket = Math.floor(ms / QUARTER);
  let zoneCache = offsetCache.get(zone);
  const hit = zoneCache?.get(bucket);
  if (hit !== undefined) return hit;
  const first = rawOffset(zone, bucket * QUARTER);
  const last = rawOffset(zone, bucket * QUARTER + QUARTER - 1000);
  if (first !== last) return rawOffset(zone, ms);
  if (!zoneCache || zoneCache.size >= CACHE_LIMIT) {
    zoneCache = new Map();
    offsetCache.set(zone, zoneCache);
  }
  zoneCache.set(bucket, first);
  return first;
}

/** The local date in `zone` at instant `ms`. */
export function localDateAt(zone: string, ms: number): LocalDate {
  const wall = new Date(ms + offsetAt(zone, ms));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The local date `days` after `d` (calendar arithmetic, no zone involved). */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day + days);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Day of the week of a local date, 0 = Sunday. */
export function weekdayOf(d: LocalDate): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t.getUTCDay();
}

/**
 * The instant at which the wall clock in `zone` shows `date` `hour`:`minute`.
 * - Ambiguous (fall-back, the time happens twice): the first occurrence.
 * - Nonexistent (spring-forward gap): the first instant after the gap, i.e. the transition itself
 *   (02:30 in Europe/Berlin on the last Sunday of March → 03:00 CEST).
 */
export function instantOf(zone: string, date: LocalDate, hour: number, minute: number): number {
  const t = new Date(0);
  t.setUTCFullYear(date.year, date.month - 1, date.day);
  t.setUTCHours(hour, minute, 0, 0);
  const wall = t.getTime();
  // Offsets in force a day either side cover any transition near this wall time (offsets are < 15 h).
  const offsets = new Set([offsetAt(zone, wall - DAY), offsetAt(zone, wall), offsetAt(zone, wall + DAY)]);
  let best: number | null = null;
  for (const o of offsets) {
    const candidate = wall - o;
    if (offsetAt(zone, candidate) === o && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return best;
  // In a gap: the offset jumps from `before` to `after` somewhere between the two candidates.
  // Binary-search the transition (to the minute; every real transition is on a whole minute).
  const sorted = [...offsets].sort((a, b) => a - b);
  let lo = wall - (sorted[sorted.length - 1] ?? 0); // earliest candidate: still the old offset
  let hi = wall - (sorted[0] ?? 0); // latest candidate: already the new offset
  const before = offsetAt(zone, lo);
  lo = Math.floor(lo / MINUTE);
  hi = Math.ceil(hi / MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid * MINUTE) === before) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}
