/**
 * The one date parser for every source (feeds, page metadata, JSON article files, page texts),
 * and the one rule that decides whether a parsed date is a publication date.
 *
 * Publishers write dates as RFC 822/2822/1123 (with obsolete zone names and two-digit years),
 * RFC 850, asctime, ISO 8601 / W3C-DTF / RFC 3339 (extended or basic, two-digit years too), or
 * "December 31, 2003". A date without a zone is UTC, never the machine's zone. Anything that is
 * not clearly a date (an invalid time such as `1:2:3:4`, Feb 30, an unknown word) is null:
 * `Date.parse` is not used, because it guesses (local zone, lenient garbage, year 0 as 2000).
 */

/** A publication date earlier than this is not believed. */
export const EARLIEST_PUBLICATION_MS = Date.UTC(1990, 0, 1);
/** A publication date later than the fetch time by more than this is not believed. */
export const FUTURE_SLACK_MS = 86_400_000;

/** Zone names seen in feeds, in minutes east of UTC (RFC 822's US zones and military letters included). */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, west: 60, cet: 60, met: 60, mez: 60,
  cest: 120, mest: 120, mesz: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  et: -300, ct: -360, mt: -420, pt: -480, at: -240, ast: -240, adt: -180, nst: -210, ndt: -150,
  akst: -540, akdt: -480, hst: -600, jst: 540, kst: 540, hkt: 480, sgt: 480,
  awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};
// RFC 822 military zones: A–I = −1…−9 h, K–M = −10…−12 h, N–Y = +1…+12 h (J is unused).
for (let i = 0; i < 25; i++) {
  const letter = String.fromCharCode(97 + i);
  if (letter === 'j') continue;
  ZONES[letter] = (i <= 8 ? -(i + 1) : i <= 12 ? -i : i - 12) * 60;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = /^(mon|tue|wed|thu|fri|sat|sun)([a-z]*)\.?$/;

/** A month name or abbreviation ("Sept", "December"), 1–12, or null. */
function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3));
  if (i < 0) return null;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i]!;
  return full.startsWith(word.replace(/\.$/, '')) || word === 'sept' ? i + 1 : null;
}

/** RFC 2822 4.3: two-digit years 00–49 are 20xx and 50–99 19xx; three-digit years are 1900 + n. */
function fullYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  if (digits.length === 3) return 1900 + n;
  return n;
}

/** A zone offset in minutes: "Z", "+05:30", "-0800", "+01", "EST", "GMT+2", "Etc/GMT-10"; null if unknown. */
export function zoneOffset(raw: string): number | null {
  const z = raw.trim().toLowerCase();
  if (z in ZONES) return ZONES[z]!;
  // IANA Etc zones have POSIX signs: Etc/GMT+5 is five hours *behind* UTC.
  const etc = /^etc\/(?:gmt|utc|ut)(?:([+-])(\d{1,2}))?$/.exec(z);
  if (etc) return etc[1] ? (etc[1] === '+' ? -1 : 1) * Number(etc[2]) * 60 : 0;
  const num = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!num) return null;
  const hours = Number(num[2]);
  const minutes = Number(num[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (num[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offset: number;
}

function toMs(p: Parts): number | null {
  if (p.month < 1 || p.month > 12 || p.day < 1) return null;
  const days = new Date(Date.UTC(2000, p.month, 0));
  days.setUTCFullYear(p.year, p.month, 0);
  if (p.day > days.getUTCDate()) return null;
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || (p.hour === 24 && (p.minute > 0 || p.second > 0))) return null;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), p.ms);
  const t = d.getTime() - p.offset * 60_000;
  return Number.isFinite(t) ? t : null;
}

/** "10:14", "10:14:55", "10:14:55.123", "101455"; null when it is not a time of day. */
function timeOf(raw: string): Pick<Parts, 'hour' | 'minute' | 'second' | 'ms'> | null {
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?$/.exec(raw) ?? /^(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?$/.exec(raw);
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0), ms: Math.round(Number(`0.${m[4] ?? '0'}`) * 1000) };
}

const ISO_DATE = /^([+-]?\d{4}|\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?|(\d{2})(\d{2}))?(?=$|[T\s])/i;
const ISO_ORDINAL = /^(\d{4})-?(\d{3})(?=$|[T\s])/i;

/** ISO 8601 / W3C-DTF / RFC 3339, extended or basic, with or without time and zone. */
function parseIso(s: string): number | null {
  const ord = ISO_ORDINAL.exec(s);
  const m = ord ? null : ISO_DATE.exec(s);
  if (!ord && !m) return null;
  let year: number;
  let month: number;
  let day: number;
  if (ord) {
    year = Number(ord[1]);
    month = 1;
    day = Number(ord[2]);
    const start = new Date(0);
    start.setUTCFullYear(year, 0, day);
    if (day < 1 || start.getUTCFullYear() !== year) return null;
    month = start.getUTCMonth() + 1;
    day = start.getUTCDate();
  } else {
    const y = m![1]!;
    // A lone two-digit number is no date; "03-12-31" and "031231" are (YY-MM-DD).
    if (y.length === 2 && !m![2] && !m![4]) return null;
    year = y.length === 2 ? fullYear(y) : Number(y);
    month = Number(m![2] ?? m![4] ?? 1);
    day = Number(m![3] ?? m![5] ?? 1);
  }
  const rest = s.slice((ord ?? m)![0].length);
  const tm = /^(?:T|\s+)\s*([\d:.,]+)\s*(.*)$/i.exec(rest);
  if (!rest) return toMs({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0, offset: 0 });
  if (!tm) return null;
  // The zone may be glued to the time ("10:14:55-05:00", "101455Z").
  const glued = /^([\d:.,]+?)(z|[+-]\d{1,2}(?::?\d{2})?)?$/i.exec(tm[1]!);
  const time = glued ? timeOf(glued[1]!) : null;
  if (!time) return null;
  const zoneText = `${glued![2] ?? ''}${tm[2] ? ` ${tm[2]}` : ''}`.trim();
  const offset = zoneText ? zoneOffset(zoneText) : 0;
  if (offset === null) return null;
  return toMs({ year, month, day, ...time, offset });
}

const TOKEN = /etc\/[a-z]+[+-]?\d{0,2}|\d+(?::\d+)+(?:[.,]\d+)?|[a-z]+\.?|[+-]\d{1,4}(?::\d{2})?|\d+|[,\s/-]+|./gi;

/** RFC 822/2822/1123, RFC 850, asctime, "December 31, 2003 10:00 PM EST", "31 Dec 2003". */
function parseWritten(s: string): number | null {
  let month: number | null = null;
  const numbers: string[] = [];
  let time: ReturnType<typeof timeOf> = null;
  let offset: number | null = null;
  let pm: boolean | null = null;
  let zoneWord: string | null = null;
  const text = s.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  for (const [tok] of text.matchAll(TOKEN)) {
    if (/^[,\s/-]+$/.test(tok)) continue;
    if (/^[+-]\d+$/.test(tok) && !time) {
      numbers.push(tok.slice(1)); // "06-Nov-94": a separator, not a zone
      continue;
    }
    if (tok.includes(':') && /^\d/.test(tok)) {
      if (time) return null;
      time = timeOf(tok);
      if (!time) return null; // "1:2:3:4" and friends
    } else if (/^\d+$/.test(tok)) {
      numbers.push(tok);
    } else if ((tok === 'am' || tok === 'pm') && time) {
      pm = tok === 'pm';
    } else if (month === null && monthOf(tok) !== null) {
      month = monthOf(tok);
    } else if (WEEKDAYS.test(tok) && !time) {
      continue;
    } else if (time && offset === null && zoneOffset(tok) !== null) {
      offset = zoneOffset(tok);
      zoneWord = /^(gmt|utc|ut)$/.test(tok) ? tok : null;
    } else if (zoneWord && offset === 0 && /^[+-]/.test(tok) && zoneOffset(tok) !== null) {
      offset = zoneOffset(tok); // "GMT +0100"
      zoneWord = null;
    } else {
      return null;
    }
  }
  if (month === null || numbers.length !== 2) return null;
  const [a, b] = numbers as [string, string];
  // The year is the long number (or the one that cannot be a day); else RFC order: day, then year.
  const aIsYear = a.length > 2 || (b.length <= 2 && Number(a) > 31 && Number(b) <= 31);
  const [dayText, yearText] = aIsYear ? [b, a] : [a, b];
  if (dayText.length > 2) return null;
  const t = time ?? { hour: 0, minute: 0, second: 0, ms: 0 };
  if (pm !== null) {
    if (t.hour < 1 || t.hour > 12) return null;
    t.hour = (t.hour % 12) + (pm ? 12 : 0);
  }
  return toMs({ year: fullYear(yearText), month, day: Number(dayText), ...t, offset: offset ?? 0 });
}

/**
 * Milliseconds since the epoch of a date as publishers write it, or null when it is not clearly
 * a date. A date or time without a zone is UTC.
 */
export function parseDate(raw: string | null | undefined): number | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  return /^[+-]?\d{2,4}(-|\d{2}(?:$|[T\s\d])|$)/i.test(s) && !/^\d{1,2} [a-z]/i.test(s) ? parseIso(s) ?? parseWritten(s) : parseWritten(s);
}

/**
 * The date rule, the same for every source: a date before 1990-01-01, more than a day after the
 * fetch time, or unreadable is not a publication date (null; the article is then dated by its
 * fetch time). Returns ISO 8601 UTC.
 */
export function publicationDate(raw: string | null | undefined, fetchedAt: Date): string | null {
  const t = parseDate(raw);
  if (t === null || t < EARLIEST_PUBLICATION_MS || t > fetchedAt.getTime() + FUTURE_SLACK_MS) return null;
  return new Date(t).toISOString();
}

/** A parsed date as ISO 8601 UTC (no plausibility rule: that is `publicationDate`'s), or null. */
export function isoDate(raw: string | null | undefined): string | null {
  const t = parseDate(raw);
  return t === null ? null : new Date(t).toISOString();
}
