/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 as the summary benchmark computes them: lower-cased `\w+`
 * tokens (Unicode letters, digits and underscore, as Python's `re` reads `\w`), no stemming, no
 * stop-word removal, ROUGE-L from the longest common subsequence of the two whole token
 * sequences (not the summary-level union LCS).
 */

/** F1 scores of one summary, or means over many. */
export interface Rouge {
  r1: number;
  r2: number;
  rl: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** Lower-cased `\w+` tokens. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

const f1 = (overlap: number, candidate: number, reference: number): number => {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
};

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join('\u0000');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-N F1 of candidate tokens against reference tokens (clipped n-gram counts). */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [g, k] of c) overlap += Math.min(k, r.get(g) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Map tokens to integers once so the inner loop compares numbers.
  const ids = new Map<string, number>();
  const id = (t: string): number => {
    let v = ids.get(t);
    if (v === undefined) ids.set(t, (v = ids.size));
    return v;
  };
  const bi = Int32Array.from(b, id);
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (const t of a) {
    const x = id(t);
    for (let j = 1; j <= bi.length; j++) {
      cur[j] = bi[j - 1] === x ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** ROUGE-L F1 from the LCS of the whole token sequences. */
export function rougeL(candidate: readonly string[], reference: readonly string[]): number {
  return f1(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** All three F1 scores of one candidate text against one reference text. */
export function rouge(candidate: string, reference: string): Rouge {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { r1: rougeN(c, r, 1), r2: rougeN(c, r, 2), rl: rougeL(c, r) };
}

/** Mean of each score over a list (zeros for an empty list). */
export function meanRouge(scores: readonly Rouge[]): Rouge {
  const n = scores.length || 1;
  const sum = scores.reduce((s, x) => ({ r1: s.r1 + x.r1, r2: s.r2 + x.r2, rl: s.rl + x.rl }), { r1: 0, r2: 0, rl: 0 });
  return { r1: sum.r1 / n, r2: sum.r2 / n, rl: sum.rl / n };
}
