/**
 * The headline of a page text, chosen among the lines before the article (and the first lines of
 * it) by what a headline is, not by what chrome says: a title-shaped line (a few to thirty words,
 * no sentence or label punctuation, few digits, capitalised) whose words the article goes on to
 * use, close to where the article starts, often printed twice. A menu item ("Toggle
 * navigation"), a date, a caption or a number fails on shape or on its relation to the body.
 */
import type { Line } from './markdown.js';
import { FUNCTION_WORDS } from './function-words.js';
import type { LineClass } from './line-classes.js';
import type { LineFeatures } from './line-features.js';
import { isBylineLine, isDateLine, isNameLine } from './line-shapes.js';

/** What each line between a candidate and the article costs it. */
const DISTANCE_WEIGHT = 0.04;

/** How far before the article a headline is looked for, in lines. */
const BEFORE = 40;

/**
 * The share of a run's prose lines that use a word of its headline: nearly all of an article's
 * paragraphs do; in a list of teasers, only the first one uses the headline in front of it.
 */
export function headlineCoverage(features: readonly LineFeatures[], classes: readonly LineClass[], region: [number, number], headline: number | null): number {
  if (headline === null) return 0.5;
  const words = new Set(features[headline]!.tokens.filter((w) => !FUNCTION_WORDS.has(w) && w.length >= 3));
  let prose = 0;
  let hit = 0;
  for (let i = region[0]; i <= region[1]; i++) {
    if (classes[i] !== 'good' || features[i]!.words < 14 || i === headline) continue;
    prose++;
    if (features[i]!.tokens.some((w) => words.has(w))) hit++;
  }
  // Two paragraphs tell too little: neither for nor against.
  return prose < 3 ? 0.5 : hit / prose;
}

/** The index of the headline line in `lines`, or null when no line looks like one. */
export function findHeadline(lines: readonly Line[], features: readonly LineFeatures[], classes: readonly LineClass[], region: [number, number] | null): number | null {
  const md = lines.findIndex((l) => l.heading && l.level === 1);
  if (md >= 0) return md;
  const [start, end] = region ?? [0, Math.min(lines.length - 1, 10)];
  const bodyWords = new Map<string, number>();
  for (let i = start; i <= Math.min(end, start + 60); i++) if (classes[i] === 'good') for (const w of features[i]!.tokens) bodyWords.set(w, (bodyWords.get(w) ?? 0) + 1);
  let best: number | null = null;
  let bestScore = 0;
  const from = Math.max(0, start - BEFORE);
  for (let i = from; i <= Math.min(lines.length - 1, start + 3); i++) {
    // Inside the run: a line printed twice (a headline repeated above a second copy), or a short
    // line among its first few (the run may open with a notice printed above the headline).
    if (i >= start && region !== null && features[i]!.repeats < 2 && (i > start + 3 || (classes[i] === 'good' && features[i]!.words >= 14))) continue;
    // A line of the body must not count its own words as the body's use of them.
    const own = i >= start && i <= Math.min(end, start + 60) && classes[i] === 'good' ? features[i]!.tokens : [];
    for (const w of own) bodyWords.set(w, bodyWords.get(w)! - 1);
    const s = headlineScore(lines[i]!, features[i]!, bodyWords, start - i);
    for (const w of own) bodyWords.set(w, bodyWords.get(w)! + 1);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/** How much a line looks like the headline of the body whose word counts are `body`. */
function headlineScore(line: Line, f: LineFeatures, body: ReadonlyMap<string, number>, distance: number): number {
  const text = f.text;
  if (f.cjk ? f.chars < 6 || f.chars > 90 : f.words < 2 || f.words > 30) return 0;
  if (/[,;:]$|^[^\p{L}\p{N}"“«„'‘¿¡]/u.test(text) || f.digits > 0.25 || f.glued > 1) return 0;
  // Byline, date and credit lines sit next to the headline and share its words; their shape tells them apart.
  if (isDateLine(f) || isBylineLine(f) || isNameLine(text) || /\s[|/]\s/u.test(text)) return 0;
  const content = f.tokens.filter((w) => !FUNCTION_WORDS.has(w) && (w.length >= 3 || f.cjk));
  if (content.length === 0) return 0;
  // The article goes on to use the headline's words (a caption's too, but captions are sentences).
  const used = content.filter((w) => (body.get(w) ?? 0) > 0).length / content.length;
  let score = used * 4;
  if (f.cjk) score += bodySubstrings(text, body) * 4;
  if (line.heading) score += 1.5;
  if (f.repeats >= 2) score += 0.5;
  if (f.terminal) score -= 1.5;
  // "Label: text" is a caption or a section tag; a headline rarely opens with a one-word label.
  if (/^\S+(?:\s\S+)?:\s/u.test(text)) score -= 2;
  if (!f.cjk && f.words < 4) score -= 1;
  if (!f.cjk && f.caps >= 0.5) score += 0.5;
  if (!f.cjk && /^\p{Ll}/u.test(text)) score -= 1;
  if (f.punct >= 3) score -= 1;
  // Captions are sentences with a credit: one sentence ends inside the line, or it closes on a
  // bracketed name. A headline is one phrase.
  if (/[.!?]\s+\S/u.test(text)) score -= 1.5;
  if (/\([^()]*\p{Lu}[^()]*\)$/u.test(text)) score -= 1;
  // Nearer the article is likelier; inside it (distance < 0) only a repeated line qualifies.
  score -= Math.abs(distance) * DISTANCE_WEIGHT;
  if (distance < 0 && f.repeats < 2) score -= 1;
  return score;
}

/** For text without spaces: the share of the line's two-character pieces found in the body. */
function bodySubstrings(text: string, body: ReadonlyMap<string, number>): number {
  const joined = [...body].filter(([, n]) => n > 0).map(([w]) => w).join(' ');
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length < 2) return 0;
  let hit = 0;
  for (let i = 0; i + 1 < chars.length; i++) if (joined.includes(chars[i]! + chars[i + 1]!)) hit++;
  return hit / (chars.length - 1);
}
