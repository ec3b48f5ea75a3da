import { isValidTimeZone } from '../../config.js';

/** A parsed argument, or the reason it is wrong (shown to the user with the usage line). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** "8:05", "08:05", "20:30" → "HH:MM". */
export function parseTime(raw: string): Parsed<string> {
  const m = /^(\d{1,2})[:.h](\d{2})$/.exec(raw.trim());
  if (!m) return fail(`"${clip(raw)}" is not a time; use HH:MM, e.g. 08:00`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return fail(`"${clip(raw)}" is not a time of day; use 00:00 to 23:59`);
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}

/** Comma-separated times, at most `max`, sorted and unique. */
export function parseTimes(raw: string, max = 6): Parsed<string[]> {
  const parts = raw.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return fail('give at least one time, e.g. 08:00');
  if (parts.length > max) return fail(`at most ${max} delivery times a day`);
  const times: string[] = [];
  for (const p of parts) {
    const t = parseTime(p);
    if (!t.ok) return t;
    times.push(t.value);
  }
  return ok([...new Set(times)].sort());
}

/** An IANA zone, case-insensitively matched to its canonical spelling ("europe/berlin" → "Europe/Berlin"). */
export function parseZone(raw: string): Parsed<string> {
  const z = raw.trim();
  if (z.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(z)) return fail(`"${clip(z)}" is not a time zone; use an IANA name like Europe/Berlin`);
  const known = Intl.supportedValuesOf('timeZone');
  const exact = known.find((k) => k.toLowerCase() === z.toLowerCase());
  if (exact) return ok(exact);
  if (z.toUpperCase() === 'UTC' || z.toUpperCase() === 'GMT') return ok('UTC');
  if (isValidTimeZone(z)) return ok(z);
  return fail(`"${clip(z)}" is not a time zone; use an IANA name like Europe/Berlin or America/New_York`);
}

/** A whole number in [min, max]. */
export function parseCount(raw: string, min: number, max: number): Parsed<number> {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) return fail(`"${clip(raw)}" must be a number from ${min} to ${max}`);
  return ok(n);
}

/** Topic words: letters, digits, spaces, hyphens, apostrophes; lower-cased. */
export function parseTopicWords(args: string[]): Parsed<{ topics: string[]; mutes: string[] }> {
  const topics: string[] = [];
  const mutes: string[] = [];
  for (const raw of args.join(' ').split(/[,\s]+/).filter(Boolean)) {
    const mute = raw.startsWith('-') || raw.startsWith('!');
    const word = (mute ? raw.slice(1) : raw).toLowerCase();
    if (!word) continue;
    if (word.length > 40) return fail(`"${clip(word)}" is too long; topic words are at most 40 characters`);
    if (!/^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(word)) return fail(`"${clip(word)}" is not a plain word; use letters and digits (prefix - to mute)`);
    (mute ? mutes : topics).push(word);
  }
  return ok({ topics, mutes });
}

/** Shortens user input echoed back in an error. */
export function clip(s: string, n = 40): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Delivery days: "daily", "weekdays", "weekends", "mon-fri", "mon,wed,fri", "sat-sun".
 * Returns null for every day. Days are 0 = Sunday … 6 = Saturday.
 */
export function parseWeekdays(raw: string): Parsed<number[] | null> {
  const s = raw.trim().toLowerCase();
  if (s === 'daily' || s === 'everyday' || s === 'every-day') return ok(null);
  if (s === 'weekdays') return ok([1, 2, 3, 4, 5]);
  if (s === 'weekends') return ok([0, 6]);
  const day = (d: string): number => DAYS.indexOf(d.slice(0, 3) as (typeof DAYS)[number]);
  const out = new Set<number>();
  for (const part of s.split(',').filter(Boolean)) {
    const [a, b] = part.split('-');
    const from = day(a ?? '');
    const to = b === undefined ? from : day(b);
    if (from < 0 || to < 0 || (a ?? '').length < 3 || (b !== undefined && b.length < 3)) {
      return fail(`"${clip(raw)}" is not a set of days; use e.g. weekdays, mon-fri or mon,wed,fri`);
    }
    for (let d = from; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === to) break;
    }
  }
  if (out.size === 0 || out.size === 7) return ok(null);
  return ok([...out].sort((x, y) => x - y));
}

/** "every day", "Mon–Fri", "Mon, Wed, Fri". */
export function describeWeekdays(days: number[] | null): string {
  if (!days || days.length === 7) return 'every day';
  const names = days.map((d) => DAYS[d]!.charAt(0).toUpperCase() + DAYS[d]!.slice(1));
  if (days.join() === '1,2,3,4,5') return 'Mon–Fri';
  if (days.join() === '0,6') return 'Sat and Sun';
  return names.join(', ');
}
