import { isValidTimeZone } from '../../config.js';
import { english, phrase, type MessageKey, type MessageValues, type Phrase, type Translator } from '../../i18n/i18n.js';

/** A parsed argument, or the reason it is wrong (worded in the reader's language, shown with the usage line). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Phrase };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(key: MessageKey, values?: MessageValues): Parsed<T> => ({ ok: false, reason: phrase(key, values) });

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, so "۰۸:۳۰" is a time and "۵" a count. */
export function asciiDigits(s: string): string {
  // Both blocks start at a multiple of 16, so the low four bits are the digit.
  return s.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0x0f));
}

/** "8:05", "08:05", "20:30" (in any of those digits) → "HH:MM". */
export function parseTime(raw: string): Parsed<string> {
  const m = /^(\d{1,2})[:.h](\d{2})$/.exec(asciiDigits(raw.trim()));
  if (!m) return fail('args.notTime', { input: clip(raw) });
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return fail('args.notTimeOfDay', { input: clip(raw) });
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}

/** Comma-separated times, at most `max`, sorted and unique. */
export function parseTimes(raw: string, max = 6): Parsed<string[]> {
  const parts = raw.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return fail('args.noTimes');
  if (parts.length > max) return fail('args.tooManyTimes', { max });
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
  if (z.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(z)) return fail('args.notZone', { input: clip(z) });
  const known = Intl.supportedValuesOf('timeZone');
  const exact = known.find((k) => k.toLowerCase() === z.toLowerCase());
  if (exact) return ok(exact);
  if (z.toUpperCase() === 'UTC' || z.toUpperCase() === 'GMT') return ok('UTC');
  if (isValidTimeZone(z)) return ok(z);
  return fail('args.unknownZone', { input: clip(z) });
}

/** A whole number in [min, max]. */
export function parseCount(raw: string, min: number, max: number): Parsed<number> {
  const digits = asciiDigits(raw.trim());
  const n = Number(digits);
  if (!/^\d+$/.test(digits) || n < min || n > max) return fail('args.notCount', { input: clip(raw), min, max });
  return ok(n);
}

const MAX_WORD = 40;

/** Topic words: letters, digits, spaces, hyphens, apostrophes; lower-cased. */
export function parseTopicWords(args: string[]): Parsed<{ topics: string[]; mutes: string[] }> {
  const topics: string[] = [];
  const mutes: string[] = [];
  for (const raw of args.join(' ').split(/[,\s]+/).filter(Boolean)) {
    const mute = raw.startsWith('-') || raw.startsWith('!');
    const word = (mute ? raw.slice(1) : raw).toLowerCase();
    if (!word) continue;
    if (word.length > MAX_WORD) return fail('args.wordTooLong', { input: clip(word), max: MAX_WORD });
    if (!/^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(word)) return fail('args.notWord', { input: clip(word) });
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
      return fail('args.notDays', { input: clip(raw) });
    }
    for (let d = from; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === to) break;
    }
  }
  if (out.size === 0 || out.size === 7) return ok(null);
  return ok([...out].sort((x, y) => x - y));
}

/** A weekday's short name in a language (0 = Sunday): "Mon", "Mo", "دوشنبه". */
function weekdayName(language: string, day: number): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
}

/** "every day", "Mon–Fri", "Sat and Sun", "Mon, Wed and Fri" in the reader's language. */
export function describeWeekdays(days: number[] | null, t: Translator = english): string {
  if (!days || days.length === 7) return t.t('days.every');
  // English lists without the serial comma ("Mon, Wed and Fri"), as British English writes them.
  const locale = t.language === 'en' ? 'en-GB' : t.language;
  const names = (days.join() === '0,6' ? [6, 0] : days).map((d) => weekdayName(locale, d));
  if (days.join() === '1,2,3,4,5') return t.t('days.range', { from: names[0]!, to: names[4]! });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
