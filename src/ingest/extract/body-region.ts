/**
 * The article as one run of lines: the run that maximises the words of its prose lines minus a
 * cost for every chrome line it takes in (Finn et al.'s Body Text Extraction, on lines instead of
 * tags). A chrome line costs more the longer the chrome run it is part of: a caption or an ad
 * label inside the article costs less than the prose on both sides is worth, a footer with a
 * teaser list after it does not. Date lines that recur every few lines after prose are record
 * boundaries (comments and teaser lists date every entry; an article's text does not): the run
 * does not cross them. The credit lines of posts quoted in an article (a name, a handle, then the
 * date) are not stamps of that kind.
 */
import type { LineClass } from './line-classes.js';
import { tokensOf, type LineFeatures } from './line-features.js';
import { isDateLine, isFullDate, MONTHISH } from './line-shapes.js';

/** What a chrome line costs the run, in words of prose… */
const CHROME_COST = 6;
/** …plus this much for each chrome line before it in the same chrome run. */
const RUN_GROWTH = 2;
/** What crossing a record boundary costs: more than any article paragraph is worth. */
const WALL = 1000;

/** Gain of each line for the run: its words if prose (once), a growing cost if chrome. */
function gains(features: readonly LineFeatures[], classes: readonly LineClass[]): number[] {
  const out: number[] = [];
  let run = 0;
  let prose = false;
  const seen = new Set<string>();
  for (let i = 0; i < classes.length; i++) {
    const f = features[i]!;
    // A paragraph printed again (a dialog shown twice, a body in two copies) adds nothing new.
    const again = f.repeats > 1 && seen.has(f.text);
    if (f.repeats > 1) seen.add(f.text);
    if (classes[i] === 'good' && (f.cell || !isDateLine(f))) {
      out.push(again ? 0 : f.words);
      run = 0;
      if (f.words >= 14) prose = true;
    } else {
      out.push(prose && isRecordDate(features, i) ? -WALL : -(CHROME_COST + run * RUN_GROWTH + Math.min(f.words, 20) * 0.25));
      run++;
    }
  }
  return out;
}

/** The best-scoring run of `gain[from..to]` (inclusive bounds and its score), or null. */
function bestRun(gain: readonly number[], from: number, to: number): { range: [number, number]; score: number } | null {
  let best: [number, number] | null = null;
  let bestScore = 0;
  let start = from;
  let score = 0;
  for (let i = from; i <= to; i++) {
    if (score <= 0) {
      score = 0;
      start = i;
    }
    score += gain[i]!;
    if (score > bestScore) {
      bestScore = score;
      best = [start, i];
    }
  }
  return best ? { range: best, score: bestScore } : null;
}

/** A run of lines that may be the article, and its score in words of prose. */
export interface Region {
  range: [number, number];
  score: number;
}

/**
 * Candidate runs, best first: the best run, then the best runs left of it and right of it, and so
 * on, while they score at least `share` of the best. The caller picks among them with what the
 * runs cannot see (the headline that leads into one).
 */
export function candidateRegions(features: readonly LineFeatures[], classes: readonly LineClass[], max = 4, share = 0.3): Region[] {
  const gain = gains(features, classes);
  const out: Region[] = [];
  const spans: [number, number][] = [[0, gain.length - 1]];
  while (spans.length > 0 && out.length < max * 3) {
    const [a, b] = spans.shift()!;
    if (a > b) continue;
    const r = bestRun(gain, a, b);
    if (!r) continue;
    out.push(r);
    spans.push([a, r.range[0] - 1], [r.range[1] + 1, b]);
  }
  out.sort((x, y) => y.score - x.score);
  const top = out[0]?.score ?? 0;
  return out.filter((r) => r.score >= top * share).slice(0, max);
}

/** Inclusive bounds of the best run, or null when the page has no prose line at all. */
export function bodyRegion(features: readonly LineFeatures[], classes: readonly LineClass[]): [number, number] | null {
  return candidateRegions(features, classes, 1)[0]?.range ?? null;
}

/** How far apart the dates of consecutive records may be, in lines. */
const RECORD_SPAN = 12;

/**
 * A line that is a date, perhaps after a name or a word ("May 3, 2024 at 9:41", "Anna May 3,
 * 2024", "Posted 3 May 2024"): the stamp of a comment or a teaser. A quoted post's credit ends on
 * its date after a longer name and handle ("— Anna Berg (@anna) May 3, 2024") and is not one.
 */
function isStamp(f: LineFeatures): boolean {
  if (!isFullDate(f)) return false;
  const m = MONTHISH.exec(f.text);
  return m !== null && tokensOf(f.text.slice(0, m.index)).length <= 2;
}

/** A full date line followed by two more within a few lines each: entries of a list of records. */
function isRecordDate(features: readonly LineFeatures[], at: number): boolean {
  if (!isStamp(features[at]!)) return false;
  let found = 0;
  let last = at;
  for (let i = at + 1; i < features.length && i - last <= RECORD_SPAN && found < 2; i++) {
    if (isStamp(features[i]!)) {
      found++;
      last = i;
    }
  }
  return found >= 2;
}
