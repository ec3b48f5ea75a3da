/**
 * Shapes of the short lines around a headline, told without knowing their words: a date line is
 * built around numbers, a byline is a short run of capitalised names. The page-text cleaner uses
 * them to fill fields, to keep them out of the body and out of the headline, and to find the
 * record boundaries of comment and teaser lists.
 */
import type { LineFeatures } from './line-features.js';

/** A calendar date ("March 9, 2024", "12. März 2024", "2024-03-12", "14/03/2024") or a clock time. */
export const MONTHISH = /\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}/u;

/** A short line that holds a calendar date or a clock time ("12 March 2024", "Updated 09:41"). */
export function isFullDate(f: LineFeatures): boolean {
  return f.words <= 14 && !(f.terminal && f.words > 8) && MONTHISH.test(f.text);
}

/**
 * A short line built around a date or a time: a full date, or a number with a word or two and
 * nothing like a sentence ("3 hours ago", "2 min read"); not a numbered heading ("1. Try yoga").
 */
export function isDateLine(f: LineFeatures): boolean {
  if (isFullDate(f)) return true;
  return /\d/.test(f.text) && f.words <= 4 && !f.terminal && !/^\d+[.)]\s+\p{L}/u.test(f.text);
}

/** A line of names: "By Anna Berg", "Anna Berg and Tom Lee", "Tom Krisher, AP Auto Writer". */
export function isBylineLine(f: LineFeatures): boolean {
  if (f.cjk || f.words < 2 || f.words > 10 || f.terminal || f.digits > 0) return false;
  const words = f.text.replace(/[,|–—-]\s*.*$/u, '').split(/\s+/).filter(Boolean);
  // One short word before the names ("by", "von", "par"), in either case.
  const lead = words[0] && (/^\p{Ll}{1,4}:?$/u.test(words[0]) || (/^\p{Lu}\p{Ll}{1,2}:?$/u.test(words[0]) && words.length >= 3)) ? 1 : 0;
  const names = words.slice(lead);
  if (names.length < 2 || names.length > 6) return false;
  const capital = names.filter((w) => /^\p{Lu}/u.test(w) || /^(?:and|und|et|y|e|и|&)$/u.test(w)).length;
  return lead === 1 && capital === names.length;
}

/** "Anna Berg", "Anna Berg, Chief Reporter": two or three capitalised names, then perhaps a title after a comma. */
export function isNameLine(text: string): boolean {
  const [names, ...rest] = text.split(/\s*,\s*/u);
  const words = (names ?? '').split(/\s+/u);
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{Ll}'’.-]+$/u.test(w)) && (rest.length > 0 || words.length === 2) && rest.join(' ').split(/\s+/u).length <= 4;
}
