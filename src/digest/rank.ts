import { type Article, articleTime } from '../model.js';
import { type ClusterIndex, similarity } from './cluster.js';

/** How groups are ranked. */
export interface RankOptions {
  now: Date;
  maxStories: number;
  /** Counts topic mentions in a text (0 when no topics were given). */
  topicHits?: (text: string) => number;
}

/** Hours for a story's recency weight to halve. */
const HALF_LIFE_HOURS = 12;
/** Groups considered for the diversity pass, per story wanted. */
const POOL_FACTOR = 4;
/** How hard similarity to an already chosen story pulls a candidate down. */
const DIVERSITY = 1.5;
/** At this similarity a candidate is the same event told again: it goes behind every other story. */
const REPEAT = 0.3;
const REPEAT_PENALTY = 100;
/** Representative articles per group compared in the diversity pass. */
const REPS = 2;

/** Base score: distinct sources, recency, topic match in headlines, a little for volume. */
function groupScore(g: readonly number[], articles: readonly Article[], o: RankOptions): number {
  const sources = new Set(g.map((i) => articles[i]!.source.trim().toLowerCase())).size;
  let latest = -Infinity;
  for (const i of g) latest = Math.max(latest, Date.parse(articleTime(articles[i]!)));
  const ageHours = Math.max(0, (o.now.getTime() - latest) / 3_600_000);
  const recency = Math.pow(2, -ageHours / HALF_LIFE_HOURS);
  let topic = 0;
  if (o.topicHits) {
    const inTitles = g.filter((i) => o.topicHits!(articles[i]!.title) > 0).length;
    topic = inTitles / g.length;
  }
  return Math.log2(1 + sources) + recency + 0.5 * topic + 0.15 * Math.log2(g.length);
}

/** How alike two groups are: the best match between a few of their articles. */
function groupSimilarity(ix: ClusterIndex, a: readonly number[], b: readonly number[]): number {
  let best = 0;
  for (const i of a.slice(0, REPS)) {
    for (const j of b.slice(0, REPS)) {
      const s = similarity(ix, i, j);
      best = Math.max(best, 0.4 * s.lead + 0.35 * s.keys + 0.25 * s.title);
    }
  }
  return best;
}

/**
 * The top groups in digest order: by score, with maximal-marginal-relevance diversity so a story
 * much like one already chosen (a follow-up, a split of one event) is demoted.
 */
export function rankGroups(groups: readonly number[][], articles: readonly Article[], ix: ClusterIndex, o: RankOptions): number[][] {
  if (o.maxStories <= 0 || groups.length === 0) return [];
  const scored = groups.map((g) => ({ g, score: groupScore(g, articles, o) }));
  scored.sort((x, y) => y.score - x.score || x.g[0]! - y.g[0]!);
  const pool = scored.slice(0, Math.max(o.maxStories * POOL_FACTOR, 20));
  const chosen: number[][] = [];
  const penalty = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  while (chosen.length < o.maxStories && chosen.length < pool.length) {
    let best = -1;
    for (let k = 0; k < pool.length; k++) {
      if (taken[k]) continue;
      if (best === -1 || pool[k]!.score - penalty[k]! > pool[best]!.score - penalty[best]!) best = k;
    }
    taken[best] = 1;
    const g = pool[best]!.g;
    chosen.push(g);
    for (let k = 0; k < pool.length; k++) {
      if (taken[k]) continue;
      const sim = groupSimilarity(ix, g, pool[k]!.g);
      penalty[k] = Math.max(penalty[k]!, sim >= REPEAT ? REPEAT_PENALTY : DIVERSITY * sim);
    }
  }
  return chosen;
}
