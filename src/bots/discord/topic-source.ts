/**
 * A TopicSource over the store, for the composition root to pass to startDiscordBot: the chat's
 * own topics and mutes first, then words frequent in recent headlines. Autocomplete fires on every
 * keystroke, so the headline words are counted at most once per `cacheMs`.
 */
import type { Store } from '../../store/store.js';
import type { TopicSource } from './autocomplete.js';

const STOPWORDS = new Set(
  ('about after again against also among amid back been before being between could does down during each from have here into just '
    + 'like more most much must never next only other over said says some such than that their them then there these they this '
    + 'those three through under until upon very what when where which while will with without would your year years news week').split(' '),
);

/** Words of at least 4 letters in headlines, most frequent first (ties alphabetical). */
export function frequentWords(titles: readonly string[], limit = 200): string[] {
  const counts = new Map<string, number>();
  for (const title of titles) {
    const seen = new Set(title.toLowerCase().match(/[\p{L}][\p{L}\p{N}'’-]{3,}/gu) ?? []);
    for (const w of seen) if (!STOPWORDS.has(w) && w.length <= 40) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([w]) => w);
}

export interface StoreTopicSourceOptions {
  clock?: () => Date;
  /** How far back headlines count (default 48 h). */
  windowHours?: number;
  /** How long counted words are reused (default 10 min). */
  cacheMs?: number;
}

/** Topic suggestions from the chat's subscription (Discord chat id = channel id) and recent headlines. */
export function storeTopicSource(store: Store, opts: StoreTopicSourceOptions = {}): TopicSource {
  const clock = opts.clock ?? (() => new Date());
  const windowMs = (opts.windowHours ?? 48) * 3_600_000;
  const cacheMs = opts.cacheMs ?? 600_000;
  let cache: { at: number; words: string[] } | null = null;

  const headlineWords = async (): Promise<string[]> => {
    const now = clock().getTime();
    if (cache && now - cache.at < cacheMs) return cache.words;
    const articles = await store.listArticles({ from: new Date(now - windowMs).toISOString(), to: new Date(now + 1).toISOString() });
    cache = { at: now, words: frequentWords(articles.map((a) => a.title)) };
    return cache.words;
  };

  return {
    async topics(_scope, chatId, prefix) {
      const p = prefix.toLowerCase();
      const sub = await store.getSubscription(`discord:${chatId}`);
      const own = [...(sub?.topics ?? []), ...(sub?.mutes ?? [])];
      const words = [...own, ...(await headlineWords())];
      const starts = words.filter((w) => w.startsWith(p));
      const inside = words.filter((w) => !w.startsWith(p) && w.includes(p));
      return [...new Set([...starts, ...inside])];
    },
  };
}
