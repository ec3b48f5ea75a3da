/**
 * TextRank centrality (Mihalcea & Tarau 2004): sentences are nodes, edges weigh the words two
 * sentences share over log |s1| + log |s2|, and PageRank with damping 0.85 ranks the nodes.
 * Quadratic in the number of sentences, so callers cap it for very long texts.
 */

/** Mihalcea & Tarau similarity of two sentences given their distinct words and token counts. */
export function textRankSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>, lenA: number, lenB: number): number {
  const denom = Math.log(lenA) + Math.log(lenB);
  if (denom <= 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / denom;
}

/** Symmetric similarity matrix (row-major, n × n) of tokenised sentences. */
export function similarityMatrix(sentences: readonly (readonly string[])[]): Float64Array {
  const n = sentences.length;
  const sets = sentences.map((s) => new Set(s));
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = textRankSimilarity(sets[i]!, sets[j]!, sentences[i]!.length, sentences[j]!.length);
      w[i * n + j] = s;
      w[j * n + i] = s;
    }
  }
  return w;
}

/**
 * Weighted PageRank over an n × n matrix: WS(i) = (1 − d) + d · Σ_j w_ji / Σ_k w_jk · WS(j),
 * iterated until no score moves by more than `tolerance` (or `maxIterations`).
 */
export function pageRank(w: Float64Array, n: number, d = 0.85, tolerance = 1e-6, maxIterations = 200): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += w[j * n + k]!;
    out[j] = s;
  }
  let score = new Float64Array(n).fill(1);
  let next = new Float64Array(n);
  for (let it = 0; it < maxIterations; it++) {
    let delta = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const wji = w[j * n + i]!;
        if (wji > 0) s += (wji / out[j]!) * score[j]!;
      }
      next[i] = 1 - d + d * s;
      delta = Math.max(delta, Math.abs(next[i]! - score[i]!));
    }
    [score, next] = [next, score];
    if (delta < tolerance) break;
  }
  return score;
}
