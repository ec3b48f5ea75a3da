/**
 * Which lines of a page text are the body, and which are its byline, date and standfirst. The
 * fields are told by shape: a byline is a short run of capitalised names, perhaps after one short
 * lower-case word; a date line is short and built around numbers; a standfirst is a sentence or
 * two between the headline and the body, or above the byline and date. Inside the body, short
 * lines the page repeats elsewhere (image alt texts, section labels), a paragraph printed twice in
 * a row (alt text and caption), long lines in capitals and credit-shaped lines go; the body's
 * edges are then cut where teaser lists begin (body-edges.ts).
 */
import { isoDate } from '../dates.js';
import type { LineClass } from './line-classes.js';
import type { LineFeatures } from './line-features.js';
import { trimEdges } from './body-edges.js';
import { isBylineLine, isDateLine, isNameLine, MONTHISH } from './line-shapes.js';

/** The body's line indices and the fields found around it. */
export interface PageFields {
  body: number[];
  description: string | null;
  byline: string | null;
  published: string | null;
}


/** Splits the page into body lines and fields. */
export function pageFields(features: readonly LineFeatures[], classes: readonly LineClass[], region: [number, number] | null, headline: number | null, initial: readonly LineClass[] = classes): PageFields {
  const out: PageFields = { body: [], description: null, byline: null, published: null };
  if (!region) return out;
  const [start, end] = region;
  const titleKey = headline === null ? null : features[headline]!.key;
  // Between the headline and the body: byline, date, standfirst.
  const from = headline === null ? start : Math.min(headline + 1, start);
  for (let i = from; i < Math.min(end, start + 4); i++) {
    const f = features[i]!;
    if (i >= start && (headline === null || i > headline) && classes[i] === 'good' && f.words > 14) break;
    if (readCredit(out, f)) continue;
    if (!out.description && i < start && f.words >= 8 && f.words <= 80 && classes[i] !== 'bad' && f.repeats === 1) out.description = f.text;
  }
  const repeatedBody = hasRepeatedBody(features, start, end);
  const reader = readerRate(features, classes, start, end);
  // The header zone (after the headline, before the first paragraph of prose) holds byline,
  // date, captions and credits, never body; the article ends on a sentence, not on a list.
  // A run that opens with a notice printed above the headline starts after the headline.
  let first = headline !== null && headline >= start && headline <= start + 3 && headline <= firstProse(features, classes, start, end) + 1 ? headline + 1 : start;
  const opens = (i: number): boolean => features[i]!.cell || (classes[i] === 'good' && features[i]!.words >= 14 && features[i]!.key !== titleKey);
  while (first <= end && !opens(first)) first++;
  // A standfirst printed above the byline or the date: the body starts after them.
  const credit = creditAfter(features, first, Math.min(end, first + 3));
  if (credit > first) {
    if (!out.description && features[first]!.words <= 80 && !MONTHISH.test(features[first]!.text)) out.description = features[first]!.text;
    for (let i = credit; i <= Math.min(end, credit + 1); i++) readCredit(out, features[i]!);
    first = credit + 1;
    while (first <= end && !opens(first)) first++;
  }
  // The article ends on a sentence: short lines after the last one that only context made prose
  // (a list label and its links, a button) are not part of it.
  let last = end;
  while (last > first && initial[last] !== 'good' && !features[last]!.terminal) last--;
  for (let i = first; i <= last; i++) {
    if (i === headline) continue;
    const f = features[i]!;
    const key = f.key;
    if (key === titleKey) {
      // The standfirst: right after a repeated headline, printed once.
      const next = features[i + 1];
      if (!out.description && next && next.repeats === 1 && next.words >= 5 && next.words <= 80 && repeatedBody) {
        out.description = next.text;
        i++;
      }
      continue;
    }
    if (classes[i] !== 'good') continue;
    // A table's cells are short, numeric and repeated, and all of them belong to it.
    if (f.cell) {
      out.body.push(i);
      continue;
    }
    if (f.words < 14 && !f.terminal && f.repeats >= 2 && !repeatedBody) continue;
    if (f.words < 12 && (isDateLine(f) || isBylineLine(f))) continue;
    // A paragraph printed twice within two lines: an image's alt text and its caption.
    if (f.repeats >= 2 && nearCopy(features, i)) continue;
    // A long line in capitals that is not a sentence: a link to another story, a call to action.
    if (shouted(f)) continue;
    // A credit in brackets on a line of its own: "(Agency Name)".
    if (/^\([^()]*\)$/u.test(f.text) && f.words <= 8) continue;
    // A line that talks to the reader in an article that does not (a prompt, a notice, an appeal).
    if (addressesReader(f) && f.words <= 40 && reader < 0.1) continue;
    out.body.push(i);
  }
  out.body = trimEdges(features, out.body);
  // Cut there, the body again ends on a sentence, not on a list's label or its first entry.
  while (out.body.length > 1 && initial[out.body.at(-1)!] !== 'good' && !features[out.body.at(-1)!]!.terminal) out.body.pop();
  return out;
}

/** Fills the byline or the date from a credit line; false when it is neither (or both are set). */
function readCredit(out: PageFields, f: LineFeatures): boolean {
  if (!out.byline && (isBylineLine(f) || isNameLine(f.text))) out.byline = f.text.replace(/^\p{L}{1,4}:?\s+/u, '').replace(/\s*[,|–—-]\s.*$/u, '');
  else if (!out.published && isDateLine(f)) out.published = parseDate(f.text);
  else return false;
  return true;
}

/** The first byline or date line in `from..to`, or -1; at most one other paragraph may come before it. */
function creditAfter(features: readonly LineFeatures[], from: number, to: number): number {
  let paragraphs = 0;
  for (let j = from; j <= to; j++) {
    const f = features[j]!;
    if (j > from && (isDateLine(f) || isBylineLine(f) || isNameLine(f.text))) return j;
    if (f.words >= 14 && ++paragraphs > 1) return -1;
  }
  return -1;
}

/** The same text again one or two lines before or after line `i`. */
function nearCopy(features: readonly LineFeatures[], i: number): boolean {
  const key = features[i]!.key;
  for (const j of [i - 2, i - 1, i + 1, i + 2]) if (features[j] && features[j]!.key === key) return true;
  return false;
}

/** Eight words or more in capitals, with no sentence end: a subheading is shorter. */
function shouted(f: LineFeatures): boolean {
  if (f.words < 8 || f.terminal) return false;
  const letters = f.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 20 && letters.replace(/[^\p{Lu}]/gu, '').length >= letters.length * 0.9;
}

/** A line dense in words that speak to the reader. */
const addressesReader = (f: LineFeatures): boolean => f.address >= 2 && f.address / f.words >= 0.08;

/** The share of the run's other prose lines that address the reader at all: high on a blog or a guide. */
function readerRate(features: readonly LineFeatures[], classes: readonly LineClass[], start: number, end: number): number {
  let prose = 0;
  let address = 0;
  for (let i = start; i <= end; i++) {
    const f = features[i]!;
    if (classes[i] !== 'good' || f.words < 8 || (addressesReader(f) && f.words <= 40)) continue;
    prose++;
    if (f.address > 0) address++;
  }
  return prose === 0 ? 1 : address / prose;
}

/** The body is printed twice (a page's print view, the seed): several long lines recur. */
function hasRepeatedBody(features: readonly LineFeatures[], start: number, end: number): boolean {
  let n = 0;
  for (let i = start; i <= end; i++) if (features[i]!.words >= 14 && features[i]!.repeats >= 2) n++;
  return n >= 4;
}

function parseDate(text: string): string | null {
  const m = MONTHISH.exec(text);
  const raw = m ? text.slice(m.index).replace(/\s+at\s+/i, ' ').replace(/[•|·].*$/u, '') : text;
  return isoDate(raw);
}

/** The first line of the run that is a paragraph of prose. */
function firstProse(features: readonly LineFeatures[], classes: readonly LineClass[], start: number, end: number): number {
  for (let i = start; i <= end; i++) if (classes[i] === 'good' && features[i]!.words >= 14) return i;
  return end;
}
