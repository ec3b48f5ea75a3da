import type { Article } from '../model.js';
import { type ArticleFeatures, TermSpace, extractFeatures, weight, weightedOverlap } from './features.js';
import { DEFAULT_LSH, candidatePairs, signature } from './minhash.js';
import { UnionFind } from './union-find.js';

/** How similar two articles are, part by part (each 0…1, idf-weighted). */
export interface PairSimilarity {
  title: number;
  keys: number;
  lead: number;
}

/** Candidate checks per article: bounds the work when a window is full of look-alikes. */
const MAX_CHECKS_PER_ARTICLE = 40;
/**
 * Terms in more than this share of a big window are left out of candidate generation (they only
 * make buckets huge). Generous, because one heavily covered event also makes its own names common.
 */
const COMMON_SHARE = 0.02;
const COMMON_FLOOR = 200;
/** Fewer MinHash terms than this and the set is topped up with rare lead words. */
const MIN_KEY_TERMS = 12;

/**
 * The verification rule. Near-duplicates (a cut or reordered paragraph, new chrome) share most of
 * their lead; rewrites of one event share names and numbers plus headline or lead words.
 * Two events of one kind (two matches, two earthquakes) share words but not their names.
 */
export function sameEvent(s: PairSimilarity): boolean {
  if (s.lead >= 0.6) return true;
  if (s.keys < 0.2) return false;
  return 0.4 * s.lead + 0.35 * s.keys + 0.25 * s.title >= 0.32;
}

/**
 * A cheap first look at names alone: articles that both name several things and share almost none
 * of them are neither rewrites nor copies (a copy shares its lead, hence its names). Saves the
 * costly lead comparison for most candidate pairs.
 */
function clearlyApart(ix: ClusterIndex, i: number, j: number): boolean {
  const a = ix.features[i]!.keys;
  const b = ix.features[j]!.keys;
  if (a.length < 3 || b.length < 3) return false;
  return weightedOverlap(ix.space, a, b, ix.weights[i]!.keys, ix.weights[j]!.keys) < 0.12;
}

/** Features, weights and term space of one window: clustering and ranking share them. */
export interface ClusterIndex {
  space: TermSpace;
  features: ArticleFeatures[];
  weights: { title: number; keys: number; lead: number }[];
}

/** Builds the feature index of a batch of articles. */
export function indexArticles(articles: readonly Article[]): ClusterIndex {
  const space = new TermSpace();
  const features = extractFeatures(articles, space);
  const weights = features.map((f) => ({ title: weight(space, f.title), keys: weight(space, f.keys), lead: weight(space, f.lead) }));
  return { space, features, weights };
}

/** Similarity of articles i and j of an index. */
export function similarity(ix: ClusterIndex, i: number, j: number): PairSimilarity {
  const a = ix.features[i]!;
  const b = ix.features[j]!;
  const wa = ix.weights[i]!;
  const wb = ix.weights[j]!;
  return {
    title: weightedOverlap(ix.space, a.title, b.title, wa.title, wb.title),
    keys: weightedOverlap(ix.space, a.keys, b.keys, wa.keys, wb.keys),
    lead: weightedOverlap(ix.space, a.lead, b.lead, wa.lead, wb.lead),
  };
}

/**
 * The set a signature is taken over: headline words plus names and numbers, which rewrites of one
 * event share far more than their wording; topped up, when there are few, with the lead's rarest
 * shared words. Terms common across the window only make buckets huge and are left out.
 */
function minhashTerms(ix: ClusterIndex, f: ArticleFeatures, maxDf: number): number[] {
  const df = ix.space.df;
  const out = new Set<number>();
  for (const id of f.title) if (df[id]! <= maxDf) out.add(id);
  for (const id of f.keys) if (df[id]! <= maxDf) out.add(id);
  if (out.size < MIN_KEY_TERMS) {
    const rare = Array.from(f.lead).filter((id) => df[id]! >= 2 && df[id]! <= maxDf && !out.has(id));
    rare.sort((a, b) => df[a]! - df[b]! || a - b);
    for (const id of rare.slice(0, MIN_KEY_TERMS - out.size)) out.add(id);
  }
  return [...out];
}

/** Work done by one clustering run (for benchmarks and tests of the near-linear claim). */
export interface ClusterStats {
  candidates: number;
  checks: number;
}

/** Groups of article indices about one event each (every index in exactly one group). */
export function clusterIndex(ix: ClusterIndex, stats?: ClusterStats): number[][] {
  const n = ix.features.length;
  const maxDf = Math.max(COMMON_FLOOR, Math.floor(n * COMMON_SHARE));
  const size = DEFAULT_LSH.bands * DEFAULT_LSH.rows;
  const sigs = ix.features.map((f) => signature(minhashTerms(ix, f, maxDf).map((id) => ix.space.hashes[id]!), size));
  const { keys } = candidatePairs(sigs);
  if (stats) stats.candidates += keys.length;
  const checks = new Int32Array(n);
  const uf = new UnionFind(n);
  for (const key of keys) {
    const i = Math.floor(key / n);
    const j = key % n;
    if (checks[i]! >= MAX_CHECKS_PER_ARTICLE || checks[j]! >= MAX_CHECKS_PER_ARTICLE) continue;
    if (uf.find(i) === uf.find(j)) continue;
    checks[i] = checks[i]! + 1;
    checks[j] = checks[j]! + 1;
    if (stats) stats.checks++;
    if (!clearlyApart(ix, i, j) && sameEvent(similarity(ix, i, j))) uf.union(i, j);
  }
  return uf.groups();
}

/**
 * Articles about the same event from different sources, as groups (input order kept inside a
 * group; groups in order of their first article). Near-linear: MinHash + LSH candidates,
 * each verified on headline words, lead words and names/numbers, joined with union-find.
 */
export function clusterArticles(articles: Article[]): Article[][] {
  return clusterIndex(indexArticles(articles)).map((g) => g.map((i) => articles[i]!));
}
