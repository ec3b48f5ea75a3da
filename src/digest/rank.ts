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

/** What a group's base score is made of. */
export interface GroupFacts {
  /** Distinct source names. */
  sources: number;
  /** Latest article time (ms). */
  latest: number;
  /** Articles. */
  size: number;
  /** Share of its articles whose headline mentions a topic (0 without topics). */
  topic: number;
}

/** Base score: distinct sources, recency, topic match in headlines, a little for volume. */
export function baseScore(f: GroupFacts, now: Date): number {
  const ageHours = Math.max(0, (now.getTime() - f.latest) / 3_600_000);
  const recency = Math.pow(2, -ageHours / HALF_LIFE_HOURS);
  return Math.log2(1 + f.sources) + recency + 0.5 * f.topic + 0.15 * Math.log2(f.size);
}

function groupFacts(g: readonly number[], articles: readonly Article[], o: RankOptions): GroupFacts {
  const sources = new Set(g.map((i) => articles[i]!.source.trim().toLowerCase())).size;
  let latest = -Infinity;
  for (const i of g) latest = Math.max(latest, Date.parse(articleTime(articles[i]!)));
  let topic = 0;
  if (o.topicHits) topic = g.filter((i) => o.topicHits!(articles[i]!.title) > 0).length / g.length;
  return { sources, latest, size: g.length, topic };
}

/** How alike two groups are: the best match between a few of their articles. */
export function groupSimilarity<T>(a: readonly T[], b: readonly T[], similar: (x: T, y: T) => number): number {
  let best = 0;
  for (const i of a.slice(0, REPS)) for (const j of b.slice(0, REPS)) best = Math.max(best, similar(i, j));
  return best;
}

/**
 * The top groups in digest order from groups sorted by base score (best first): maximal-marginal-
 * relevance diversity, so a story much like one already chosen (a follow-up, a split of one event)
 * is demoted, and one that tells the same event again goes behind every other.
 */
export function diversify<G>(sorted: readonly { g: G; score: number }[], maxStories: number, similarity: (a: G, b: G) => number): G[] {
  if (maxStories <= 0) return [];
  const pool = sorted.slice(0, Math.max(maxStories * POOL_FACTOR, 20));
  const chosen: G[] = [];
  const penalty = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  while (chosen.length < maxStories && chosen.length < pool.length) {
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
      const sim = similarity(g, pool[k]!.g);
      penalty[k] = Math.max(penalty[k]!, sim >= REPEAT ? REPEAT_PENALTY : DIVERSITY * sim);
    }
  }
  return chosen;
}

/** The ranking's similarity of two articles of an index. */
const articleSimilarity = (ix: ClusterIndex) => (i: number, j: number): number => {
  const s = similarity(ix, i, j);
  return 0.4 * s.lead + 0.35 * s.keys + 0.25 * s.title;
};

/** The top groups of a batch in digest order (see {@link diversify}). */
export function rankGroups(groups: readonly number[][], articles: readonly Article[], ix: ClusterIndex, o: RankOptions): number[][] {
  if (o.maxStories <= 0 || groups.length === 0) return [];
  const scored = groups.map((g) => ({ g, score: baseScore(groupFacts(g, articles, o), o.now) }));
  scored.sort((x, y) => y.score - x.score || x.g[0]! - y.g[0]!);
  const sim = articleSimilarity(ix);
  return diversify(scored, o.maxStories, (a, b) => groupSimilarity(a, b, sim));
}
