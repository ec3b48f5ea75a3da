import type { Article, Subscription } from '../../model.js';
import type { Store } from '../../store/store.js';
import type { Summarizer } from '../../summarizer/summarizer.js';
import { translator } from '../../i18n/i18n.js';
import { storyDigests } from '../../stories/story-digests.js';
import type { BuiltDigest, DigestRequest } from '../../stories/story-digests.js';

/** What a chat's digest is built with: the story selection's request, and how it is worded. */
export interface ChatDigestOptions extends DigestRequest {
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

/** The digest in the chat's language (headings and the empty line; English needs nothing). */
function localized(built: BuiltDigest, o: Pick<ChatDigestOptions, 'language' | 'timezone'>): BuiltDigest {
  if (!o.language || o.language === 'en') return built;
  const t = translator(o.language);
  return { ...built, digest: { ...built.digest, language: t.language }, emptyText: t.t('digest.empty', { when: t.when(built.digest.window.from, o.timezone) }) };
}

/**
 * Builds one chat's digest for a window, as a selection of the kept stories (see StoryDigests);
 * `emptyText` is the friendly line for an empty window.
 */
export async function chatDigest(store: Store, o: ChatDigestOptions, now: Date): Promise<BuiltDigest> {
  return localized(await storyDigests(store).build(o, now, undefined, o), o);
}

/**
 * Digest of a subscription for a delivery window (used by the scheduler): stories the chat already
 * got unchanged are left out, updated ones say what is new, and `record` (called once it was sent)
 * adds them to the chat's digest history.
 */
export async function subscriptionDigest(store: Store, sub: Subscription, window: { from: Date; to: Date }, now: Date, wording: Pick<ChatDigestOptions, 'summarizer' | 'images'> = {}): Promise<BuiltDigest> {
  const history = (await store.getDigestHistory(sub.id)) ?? { subscriptionId: sub.id, stories: [], updatedAt: now.toISOString() };
  const o = { scope: sub.scope, from: window.from, to: window.to, topics: sub.topics, mutes: sub.mutes, maxStories: sub.maxStories, timezone: sub.timezone, ...(sub.language ? { language: sub.language } : {}) };
  return localized(await storyDigests(store).build(o, now, history, wording), o);
}
