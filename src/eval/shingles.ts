/**
 * The article-extraction-benchmark metric: 4-token shingles with counts, compared as multisets.
 *
 * Tokens are Python's Unicode `\w+` runs. Python's `\w` on str is "alphanumeric or underscore"
 * (letters of every script and every numeric category), so the JS equivalent is
 * `[\p{L}\p{N}_]+` with the `u` flag; an ASCII-only `\w` would drop every non-Latin word.
 */
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Per-page outcome, normalised so that tp + fp + fn = 1 (or all 0 for two empty texts). */
export interface ShingleMatch {
  tp: number;
  fp: number;
  fn: number;
}

/** Word tokens of `text`, exactly as the benchmark's tokenizer finds them. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Counts of n-token shingles; a text shorter than n tokens is one (shorter) shingle. */
export function shingleCounts(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const parts = tokens.slice(i, i + n);
    if (parts.length === 0) continue;
    // U+0001 cannot occur inside a token, so joined keys stay distinct.
    const key = parts.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** tp/fp/fn of `pred` against `truth`, normalised by their sum. */
export function shingleMatch(truth: string, pred: string, n = 4): ShingleMatch {
  const t = shingleCounts(truth, n);
  const p = shingleCounts(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (t.get(key) ?? 0));
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

/** Precision of one page: 1 when nothing differs, 0 when nothing was predicted right. */
export function precisionOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

/** Recall of one page: 1 when nothing differs, 0 when nothing true was found. */
export function recallOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/**
 * Mean precision and recall over pages, and F1 of those means. As in the benchmark's
 * evaluate.py, a page enters the precision mean only when tp + fp > 0 (something was predicted)
 * and the recall mean only when tp + fn > 0 (there was something to find).
 */
export function aggregate(matches: readonly ShingleMatch[]): { precision: number; recall: number; f1: number } {
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
