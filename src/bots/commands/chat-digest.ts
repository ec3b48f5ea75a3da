import type { Article, Subscription } from '../../model.js';
import type { Store } from '../../store/store.js';
import type { Digest } from '../../digest/types.js';
import { buildDigest, emptyDigestText } from '../../digest/build.js';
import { extractiveSummarizer, type Summarizer } from '../../summarizer/summarizer.js';
import { withPictures } from '../../digest/pictures.js';
import { translator } from '../../i18n/i18n.js';

/** What a chat's digest is built with. */
export interface ChatDigestOptions {
  /** Chat scope ('telegram:123', 'discord:guildId'); its own feeds and global ones are admitted. */
  scope: string;
  from: Date;
  to: Date;
  topics: string[];
  mutes: string[];
  maxStories: number;
  timezone: string;
  /** How story summaries are worded (default extractive). */
  summarizer?: Summarizer;
  /** Attach each story's picture (default true; NEWSBOT_IMAGES=0 turns it off). */
  images?: boolean;
  /** The reader's language (default English). */
  language?: string;
}

/**
 * Articles a chat may see: ingested without a feed, from global (CLI-added) feeds, or from feeds
 * added in this chat's scope. Feeds added by another chat stay that chat's.
 */
export async function articlesForScope(store: Store, scope: string, from: Date, to: Date): Promise<Article[]> {
  const feeds = await store.listFeeds();
  const admitted: (string | null)[] = [null, ...feeds.filter((f) => f.scope === 'global' || f.scope === scope).map((f) => f.id)];
  return store.listArticles({ from: from.toISOString(), to: to.toISOString(), feedIds: admitted });
}

/** Builds one chat's digest for a window; `emptyText` is the friendly line for an empty window. */
export async function chatDigest(store: Store, o: ChatDigestOptions, now: Date): Promise<{ digest: Digest; emptyText: string }> {
  const articles = await articlesForScope(store, o.scope, o.from, o.to);
  const built = buildDigest(articles, { now, from: o.from, to: o.to, topics: o.topics, mutes: o.mutes, maxStories: o.maxStories });
  const worded = await (o.summarizer ?? extractiveSummarizer).summarize(built, articles, now);
  const digest: Digest = { ...(o.images === false ? worded : withPictures(worded, articles)), timeZone: o.timezone };
  if (!o.language || o.language === 'en') return { digest, emptyText: emptyDigestText(digest, o.timezone) };
  const t = translator(o.language);
  return { digest: { ...digest, language: t.language }, emptyText: t.t('digest.empty', { when: t.when(digest.window.from, o.timezone) }) };
}

/** Digest of a subscription for a delivery window (used by the scheduler). */
export function subscriptionDigest(store: Store, sub: Subscription, window: { from: Date; to: Date }, now: Date, wording: Pick<ChatDigestOptions, 'summarizer' | 'images'> = {}) {
  return chatDigest(store, {
    scope: sub.scope, from: window.from, to: window.to, topics: sub.topics, mutes: sub.mutes, maxStories: sub.maxStories, timezone: sub.timezone, ...wording,
    ...(sub.language ? { language: sub.language } : {}),
  }, now);
}
