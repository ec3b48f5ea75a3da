/**
 * MinHash signatures and LSH banding: candidate pairs of similar term sets in near-linear time.
 * A pair becomes a candidate when some band (r consecutive minimums) agrees; the chance of that is
 * 1 - (1 - J^r)^b for Jaccard similarity J. Oversized buckets (a term shared by half the window,
 * or thousands of identical copies) are not expanded pairwise: their members are sorted by
 * signature and only near neighbours are paired, which keeps adversarial inputs linear.
 */

/** FNV-1a, 32 bits: the base hash of a term. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a cheap, well-mixed permutation of 32-bit values. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** LSH shape: `bands` × `rows` minimums per signature. */
export interface LshOptions {
  bands: number;
  rows: number;
  /** Buckets larger than this pair only signature neighbours. */
  maxBucket: number;
  /** Neighbours paired inside an oversized bucket. */
  window: number;
}

export const DEFAULT_LSH = { bands: 32, rows: 2, maxBucket: 48, window: 3 } as const satisfies LshOptions;

const SEEDS: number[] = [];
function seed(i: number): number {
  while (SEEDS.length <= i) SEEDS.push(mix(0x9e3779b9 ^ Math.imul(SEEDS.length + 1, 0x27d4eb2d)));
  return SEEDS[i]!;
}

/** MinHash signature of a set of base term hashes (an empty set gets a signature of its own). */
export function signature(termHashes: ArrayLike<number>, size: number): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (let i = 0; i < size; i++) {
    const s = seed(i);
    let min = 0xffffffff;
    for (let j = 0; j < termHashes.length; j++) {
      const v = mix(termHashes[j]! ^ s);
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}

/** Candidate pairs, strongest first: `keys[k] = i * n + j` (i < j) shared `bands[k]` bands. */
export interface Candidates {
  keys: Float64Array;
  bands: Uint16Array;
}

/** A growable list of numbers (pair keys), cheaper than a Map for hundreds of thousands of hits. */
class Hits {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Candidate pairs from signatures with how many bands each pair shares (a rough similarity),
 * strongest first. Every band hit is listed, then sorted and counted: no hash map per pair.
 */
export function candidatePairs(sigs: readonly Uint32Array[], o: LshOptions = DEFAULT_LSH): Candidates {
  const n = sigs.length;
  const hits = new Hits();
  const add = (a: number, b: number): void => {
    if (a !== b) hits.push(a < b ? a * n + b : b * n + a);
  };
  for (let band = 0; band < o.bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const sig = sigs[i]!;
      let key = band;
      for (let r = 0; r < o.rows; r++) key = mix(key ^ sig[band * o.rows + r]!);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const members of buckets.values()) {
      if (members.length < 2) continue;
      if (members.length <= o.maxBucket) {
        for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x]!, members[y]!);
        continue;
      }
      // Oversized: order by other bands of the signature so near-identical members sit together.
      const k1 = ((band + 1) % o.bands) * o.rows;
      const k2 = ((band + 2) % o.bands) * o.rows;
      const sorted = [...members].sort((a, b) => sigs[a]![k1]! - sigs[b]![k1]! || sigs[a]![k2]! - sigs[b]![k2]! || a - b);
      for (let x = 0; x < sorted.length; x++) {
        for (let y = x + 1; y <= x + o.window && y < sorted.length; y++) add(sorted[x]!, sorted[y]!);
      }
    }
  }
  const all = hits.data.subarray(0, hits.length).sort();
  // Run-length count, then order by (more bands first, then key) through one sortable number.
  const span = n * n;
  const coded = new Hits();
  for (let k = 0; k < all.length; ) {
    let end = k + 1;
    while (end < all.length && all[end] === all[k]) end++;
    coded.push((o.bands - (end - k)) * span + all[k]!);
    k = end;
  }
  const order = coded.data.subarray(0, coded.length).sort();
  const keys = new Float64Array(order.length);
  const bands = new Uint16Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const code = order[k]!;
    keys[k] = code % span;
    bands[k] = o.bands - Math.floor(code / span);
  }
  return { keys, bands };
}
