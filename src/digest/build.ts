import type { Article } from '../model.js';
import { clusterIndex, indexArticles } from './cluster.js';
import { rankGroups } from './rank.js';
import { phraseMatcher, selectArticles } from './select.js';
import { buildStory } from './story.js';
import type { Digest } from './types.js';

export { emptyDigestText } from './empty.js';

/** What a digest is built from. */
export interface DigestOptions {
  now: Date;
  from: Date;
  /** End of the window (exclusive); defaults to `now`. */
  to?: Date;
  /** Words or phrases: only articles mentioning one are used. */
  topics?: string[];
  /** Words or phrases: articles mentioning one are left out. */
  mutes?: string[];
  /** Default 10. */
  maxStories?: number;
  /** Summary sentences per story, default 3. */
  summarySentences?: number;
}

export const DIGEST_DEFAULTS = { maxStories: 10, summarySentences: 3 } as const;

/** Topic or mute words, each trimmed, lower-cased and once. */
export const normalizeWords = (words: readonly string[] | undefined): string[] =>
  [...new Set((words ?? []).map((w) => w.replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean))];

/**
 * Builds a digest: select the window's articles (no backfill, topics in, mutes out), cluster them
 * into stories across sources, rank with diversity, and summarise only the stories chosen.
 * An empty window gives a valid digest with no stories.
 */
export function buildDigest(articles: Article[], opts: DigestOptions): Digest {
  const to = opts.to ?? opts.now;
  const topics = normalizeWords(opts.topics);
  const mutes = normalizeWords(opts.mutes);
  const maxStories = Math.max(0, Math.floor(opts.maxStories ?? DIGEST_DEFAULTS.maxStories));
  const selected = selectArticles(articles, { from: opts.from, to, topics, mutes });
  const ix = indexArticles(selected);
  const groups = clusterIndex(ix);
  const chosen = rankGroups(groups, selected, ix, {
    now: opts.now,
    maxStories,
    ...(topics.length ? { topicHits: phraseMatcher(topics) } : {}),
  });
  const sentences = opts.summarySentences ?? DIGEST_DEFAULTS.summarySentences;
  return {
    generatedAt: opts.now.toISOString(),
    window: { from: opts.from.toISOString(), to: to.toISOString() },
    stories: chosen.map((g) => buildStory(g.map((i) => selected[i]!), { sentences })),
    topics,
  };
}
