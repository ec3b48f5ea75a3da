/**
 * jusText's block classifier on lines of page text: each line is first judged alone (good prose,
 * near-good, short, bad) by its length, function-word share and punctuation; then short and
 * near-good lines take the class of the prose around them (context smoothing), so a one-line
 * quote or a subheading inside the article stays and a short line among menus goes.
 */
import type { LineFeatures } from './line-features.js';

/** A line's class: prose, nearly prose, too short to tell, or chrome. */
export type LineClass = 'good' | 'near' | 'short' | 'bad';

/** Thresholds of the first, context-free judgement. */
const LIMITS = {
  /** Under this many words a line says too little to judge alone. */
  shortWords: 7,
  /** Prose: at least this many words… */
  goodWords: 14,
  /** …and at least this share of function words (jusText's stopwords_high is 0.32). */
  goodStop: 0.3,
  /** Near-good: this share of function words (jusText's stopwords_low is 0.30). */
  nearStop: 0.2,
} as const satisfies Record<string, number>;

/** The longest run of short lines still read as part of the prose around it. */
const MAX_SHORT_RUN = 5;

/** The context-free class of one line. */
export function classifyLine(f: LineFeatures): LineClass {
  if (f.cell) return 'good';
  if (f.cjk) {
    const sentences = (f.text.match(/[。！？]/gu) ?? []).length;
    if (f.chars >= 40 && sentences >= 1) return 'good';
    if (f.chars >= 20 && (sentences >= 1 || f.punct >= 1)) return 'near';
    return f.chars < 20 ? 'short' : 'bad';
  }
  // Words run together and lines made mostly of digits are layout leftovers, not text.
  if (f.glued >= 2 && f.glued * 4 >= f.words) return 'bad';
  if (f.digits > 0.3) return f.words < LIMITS.shortWords ? 'short' : 'bad';
  if (f.words < LIMITS.shortWords) return 'short';
  const prose = f.stop >= LIMITS.goodStop || (f.stop >= LIMITS.nearStop && f.punct >= 2 && f.terminal);
  if (f.words >= LIMITS.goodWords && prose) return 'good';
  if (f.stop >= LIMITS.nearStop || (f.terminal && f.punct >= 1 && f.caps < 0.8)) return 'near';
  return 'bad';
}

/**
 * Classes after context smoothing (jusText's revision): a short or near-good line between two
 * prose lines (nearest judged neighbours) becomes prose; between two chrome lines, chrome; a
 * near-good line next to prose on either side is prose.
 */
export function smoothClasses(first: readonly LineClass[], sentence: readonly boolean[] = []): LineClass[] {
  const out = [...first];
  const neighbour = (i: number, step: -1 | 1, ignoreNear: boolean): LineClass => {
    for (let j = i + step; j >= 0 && j < out.length; j += step) {
      const c = out[j]!;
      if (c === 'good' || c === 'bad') return c;
      if (c === 'near' && !ignoreNear) return c;
    }
    return 'bad';
  };
  // Near-good lines first: prose on either side (jusText looks at both within the short run).
  const near = out.map((c, i) => (c === 'near' ? (neighbour(i, -1, true) === 'bad' && neighbour(i, 1, true) === 'bad' ? 'bad' : 'good') : c));
  for (let i = 0; i < out.length; i++) out[i] = near[i]!;
  // Short lines: a few between prose lines are part of it (a quote, a subheading, a short
  // list); a long run of them is a menu, wherever it sits.
  for (let i = 0; i < out.length; ) {
    if (out[i] !== 'short') {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && out[j] === 'short') j++;
    const before = neighbour(i, -1, false) === 'good';
    const inside = j - i <= MAX_SHORT_RUN && before && neighbour(j - 1, 1, false) === 'good';
    // A short sentence right after prose ends the paragraph run ("Nobody was hurt."), even at its edge.
    let lead = i;
    while (before && lead < j && lead - i < 2 && sentence[lead] === true) lead++;
    for (let k = i; k < j; k++) out[k] = inside || k < lead ? 'good' : 'bad';
    i = j;
  }
  return out;
}
