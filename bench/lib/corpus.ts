/**
 * A data folder for the digest benchmarks: synthetic articles (bench/digest.bench.ts's generator)
 * stored through the story keeper on the lowdb store, as ingest would store them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { withStories } from '../../src/stories/story-keeper.js';
import type { Article, Feed } from '../../src/model.js';
import { syntheticArticles } from '../digest.bench.js';

/** The benchmarks' clock: the end of the generator's 24-hour window. */
export const BENCH_NOW = new Date('2026-11-28T08:00:00Z');

export function ownFeed(chat: number): Feed {
  return {
    id: `own-${chat}`, url: `https://own-${chat}.example/rss`, title: null, scope: `telegram:${chat}`, createdAt: BENCH_NOW.toISOString(), etag: null,
    lastModified: null, lastFetchedAt: null, lastOkAt: null, failures: 0, lastError: null, disabled: false, ttlMinutes: null, nextFetchAt: null, itemCount: 0,
  };
}

/** A lowdb store in a temp folder holding `n` articles of the last 24 h (`ownFeeds` chats get a few articles of their own feed). */
export async function benchStore(n: number, ownFeeds = 0): Promise<{ store: Store; articles: Article[]; ingestMs: number; dir: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'newsbot-bench-'));
  const dir = join(root, 'data');
  const store = withStories(await openStore(dir, { now: () => BENCH_NOW }), { now: () => BENCH_NOW });
  for (let c = 1; c <= ownFeeds; c++) await store.putFeed(ownFeed(c));
  // Every 50th article comes from one of the chats' own feeds.
  const articles = syntheticArticles(n).map((a, i) => (ownFeeds > 0 && i % 50 === 7 ? { ...a, feedId: `own-${1 + ((i / 50) | 0) % ownFeeds}` } : a));
  const t = performance.now();
  for (let i = 0; i < articles.length; i += 1000) await store.addArticles(articles.slice(i, i + 1000));
  const ingestMs = performance.now() - t;
  return { store, articles, ingestMs, dir, dispose: async () => { await store.close(); await rm(root, { recursive: true, force: true }); } };
}
