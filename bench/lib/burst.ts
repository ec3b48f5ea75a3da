/**
 * The burst the scheduler meets at a busy minute: `n` subscriptions due at 08:00 UTC, 10 topic
 * sets (one of them none, one muting a word), each with its own chat scope. Every digest is built
 * for real (kept stories selected for its scope, topics and history) and rendered for Telegram,
 * 100 at a time as the scheduler's per-platform pool runs them. Shared by the burst benches.
 */
import { subscriptionDigest } from '../../src/bots/commands/chat-digest.js';
import { renderTelegram } from '../../src/bots/telegram/render.js';
import { Pool } from '../../src/scheduler/queue.js';
import type { Article, Subscription } from '../../src/model.js';
import type { Store } from '../../src/store/store.js';
import { rssSampler } from './measure.js';

/** What one burst took. */
export interface BurstRun {
  totalMs: number;
  /** Each digest's time, built and rendered, inside the pool. */
  each: number[];
  stories: number;
  messages: number;
  mem: { peakMb: number; maxRssMb: number };
}

/** The burst's subscriptions: topic sets of words found in the window's headlines (so each matches some stories). */
export function burstSubscriptions(n: number, articles: Article[], from: Date): Subscription[] {
  const titleWords = articles.map((a) => a.title.split(' ')[1]!.toLowerCase());
  const topicSets: string[][] = [[], ...Array.from({ length: 9 }, (_, k) => [titleWords[k * 101]!, titleWords[k * 101 + 37]!, titleWords[k * 101 + 71]!])];
  return Array.from({ length: n }, (_, i) => ({
    id: `telegram:${i + 1}`, platform: 'telegram', chatId: String(i + 1), scope: `telegram:${i + 1}`, active: true, times: ['08:00'], weekdays: null,
    timezone: 'UTC', topics: topicSets[i % 10]!, mutes: i % 10 === 3 ? ['council'] : [], maxStories: 10, paused: null,
    createdAt: from.toISOString(), updatedAt: from.toISOString(), lastDigestAt: from.toISOString(),
  }));
}

/** Builds and renders every subscription's digest for the window [now − 24 h, now), 100 at a time. */
export async function runBurst(store: Store, subs: Subscription[], now: Date): Promise<BurstRun> {
  const from = new Date(now.getTime() - 86_400_000);
  const pool = new Pool(100);
  const each: number[] = [];
  let messages = 0;
  let stories = 0;
  const rss = rssSampler();
  const t0 = performance.now();
  await Promise.all(subs.map((sub) => pool.run(async () => {
    const t = performance.now();
    const built = await subscriptionDigest(store, sub, { from, to: now }, now);
    messages += renderTelegram(built.digest, { timeZone: sub.timezone, emptyText: built.emptyText }).length;
    stories += built.digest.stories.length;
    each.push(performance.now() - t);
  })));
  const totalMs = performance.now() - t0;
  return { totalMs, each, stories, messages, mem: rss.stop() };
}
