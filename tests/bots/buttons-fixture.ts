/** The real router on a store of twelve unrelated stories, with buttons signed: shared by the Discord and Telegram button tests. */
import { wordingOf } from '../../src/bots/registry.js';
import { createCommandHandler } from '../../src/bots/commands/router.js';
import { buttonKey, encodePress } from '../../src/bots/commands/buttons-codec.js';
import type { ButtonAction, ButtonSigner } from '../../src/bots/commands/buttons-codec.js';
import type { CommandHandler } from '../../src/bots/commands/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { withStories } from '../../src/stories/story-keeper.js';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../../src/log.js';
import { newsArticles } from './commands/news-fixture.js';

export const SIGNER: ButtonSigner = { key: buttonKey(['buttons-e2e-secret']), ttlMs: 7 * 86_400_000 };

/** A query too long to ride in a button (its pages go through a stored note). */
export const LONG_QUERY = 'officials confirmed friday residents expected weeks';

export async function buttonsHandler(now: Date, opts: { images?: boolean; pictures?: boolean } = {}): Promise<{ handler: CommandHandler; store: Store }> {
  const store = withStories(createMemoryStore(), { now: () => now });
  const articles = newsArticles(now, 12).map((a, i) => (opts.pictures && i === 0 ? { ...a, image: 'https://cdn.example/top.jpg' } : a));
  await store.addArticles(articles);
  const handler = createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 5, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    nextRun: () => null, log: silentLogger, expensivePerMinute: 100, buttons: SIGNER,
    // Every command and press of these tests comes at the same instant (a fixed clock): no flood limit.
    commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } }, ...(opts.images === false ? { images: false } : {}),
  });
  return { handler, store };
}

/** Button data signed with the right key for `chat` but issued `daysAgo` days before `now`. */
export function oldButton(chat: string, action: ButtonAction, now: Date, daysAgo: number): string {
  return encodePress(SIGNER, chat, action, new Date(now.getTime() - daysAgo * 86_400_000));
}
