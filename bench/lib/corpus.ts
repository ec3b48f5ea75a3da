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

/** `n` synthetic articles of the 24 hours before BENCH_NOW; every 50th comes from one of `ownFeeds` chats' own feeds. */
export function windowArticles(n: number, ownFeeds = 0): Article[] {
  return syntheticArticles(n).map((a, i) => (ownFeeds > 0 && i % 50 === 7 ? { ...a, feedId: `own-${1 + ((i / 50) | 0) % ownFeeds}` } : a));
}

/**
 * Stores the chats' own feeds and the articles, 1,000 at a time as ingest does (through the store's
 * keeper when it is wrapped by withStories); returns the articles as stored (with their analyses) and the time it took.
 */
export async function fillStore(store: Store, articles: Article[], ownFeeds = 0): Promise<{ stored: Article[]; ms: number }> {
  for (let c = 1; c <= ownFeeds; c++) await store.putFeed(ownFeed(c));
  const stored: Article[] = [];
  const t = performance.now();
  for (let i = 0; i < articles.length; i += 1000) stored.push(...(await store.addArticles(articles.slice(i, i + 1000))).added);
  return { stored, ms: performance.now() - t };
}

/** A lowdb store in a temp folder holding `n` articles of the last 24 h (`ownFeeds` chats get a few articles of their own feed). */
export async function benchStore(n: number, ownFeeds = 0, given?: Article[]): Promise<{ store: Store; articles: Article[]; ingestMs: number; dir: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'newsbot-bench-'));
  const dir = join(root, 'data');
  const store = withStories(await openStore(dir, { now: () => BENCH_NOW }), { now: () => BENCH_NOW });
  const articles = given ?? windowArticles(n, ownFeeds);
  const { ms } = await fillStore(store, articles, ownFeeds);
  return { store, articles, ingestMs: ms, dir, dispose: async () => { await store.close(); await rm(root, { recursive: true, force: true }); } };
}
