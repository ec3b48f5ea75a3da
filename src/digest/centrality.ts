/**
 * TextRank centrality (Mihalcea & Tarau 2004): sentences are nodes, edges weigh the words two
 * sentences share over log |s1| + log |s2|, and PageRank with damping 0.85 ranks the nodes.
 * Quadratic in the number of sentences, so callers cap it for very long texts.
 */

/** The edge weight of two sentences sharing `shared` distinct words, from the logs of their token counts. */
function similarity(shared: number, logA: number, logB: number): number {
  const denom = logA + logB;
  return denom <= 0 ? 0 : shared / denom;
}

/** Mihalcea & Tarau similarity of two sentences given their distinct words and token counts. */
export function textRankSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>, lenA: number, lenB: number): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return similarity(shared, Math.log(lenA), Math.log(lenB));
}

/**
 * Symmetric similarity matrix (row-major, n × n) of tokenised sentences. Words become small
 * integers once, so each pair is counted by marking one sentence's words and reading the other's.
 */
export function similarityMatrix(sentences: readonly (readonly string[])[]): Float64Array {
  const n = sentences.length;
  const ids = new Map<string, number>();
  // The sentence that last listed each word id: a sentence lists each of its words once.
  const listedBy: number[] = [];
  const sets = sentences.map((s, i) => {
    const distinct: number[] = [];
    for (const word of s) {
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      if (listedBy[id] !== i) {
        listedBy[id] = i;
        distinct.push(id);
      }
    }
    return distinct;
  });
  const logs = sentences.map((s) => Math.log(s.length));
  const mark = new Int32Array(ids.size).fill(-1);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (const id of sets[i]!) mark[id] = i;
    for (let j = i + 1; j < n; j++) {
      let shared = 0;
      for (const id of sets[j]!) if (mark[id] === i) shared++;
      const s = similarity(shared, logs[i]!, logs[j]!);
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
  // For each node, its weighted in-edges (w_ji / Σ_k w_jk, by source j in order), computed once.
  const from: number[][] = [];
  const share: number[][] = [];
  for (let i = 0; i < n; i++) {
    const js: number[] = [];
    const qs: number[] = [];
    for (let j = 0; j < n; j++) {
      const wji = w[j * n + i]!;
      if (wji > 0) {
        js.push(j);
        qs.push(wji / out[j]!);
      }
    }
    from.push(js);
    share.push(qs);
  }
  let score = new Float64Array(n).fill(1);
  let next = new Float64Array(n);
  for (let it = 0; it < maxIterations; it++) {
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const src = from[i]!;
      const q = share[i]!;
      let s = 0;
      for (let k = 0; k < src.length; k++) s += q[k]! * score[src[k]!]!;
      next[i] = 1 - d + d * s;
      delta = Math.max(delta, Math.abs(next[i]! - score[i]!));
    }
    [score, next] = [next, score];
    if (delta < tolerance) break;
  }
  return score;
}
