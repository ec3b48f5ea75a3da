import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { nodeFileOps } from '../../src/store/json-file-adapter.js';
import type { Store } from '../../src/store/store.js';
import { storeContract } from './store-contract.js';
import { keeperFor, withStories } from '../../src/stories/story-keeper.js';
import { buildStory } from '../../src/digest/story.js';
import { LEGACY_ANALYSIS, LEGACY_ARTICLE } from '../digest/fixtures/legacy-analysis.js';
import { deliveryPart } from '../../src/store/delivery-partitions.js';
import { bucketOf } from '../../src/store/key-buckets.js';
import { SUBSCRIPTION_BUCKETS } from '../../src/store/subscription-buckets.js';
import { NOW, article, delivery, feed, hoursAgo, subscription, tempDir } from './fixtures.js';

storeContract('lowdb store', async () => {
  const { root, cleanup } = await tempDir();
  const dir = join(root, 'data');
  let store = await openStore(dir, { now: () => NOW });
  return {
    store,
    async reopen() {
      await store.close();
      store = await openStore(dir, { now: () => NOW });
      return store;
    },
    async dispose() {
      await store.close();
      await cleanup();
    },
  };
});

describe('lowdb store files', () => {
  let root: string;
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  beforeEach(async () => {
    ({ root, cleanup } = await tempDir());
    dir = join(root, 'data');
    store = await openStore(dir, { now: () => NOW });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const list = async (sub: string): Promise<string[]> => (await readdir(join(dir, sub))).sort();

  it('given a new folder, writes meta.json with the schema version and creation time', async () => {
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toEqual({ schema: 1, createdAt: NOW.toISOString() });
  });

  it('writes one article file per UTC day of the article time', async () => {
    await store.addArticles([
      article({ published: '2026-11-27T23:59:59.000Z' }),
      article({ published: '2026-11-28T00:00:00.000Z' }),
      article({ published: '2026-11-28T01:00:00+02:00' }), // 2026-11-27T23:00Z
      article({ published: null, fetchedAt: '2026-11-26T10:00:00.000Z' }),
    ]);
    expect(await list('articles')).toEqual(['2026-11-26.json', '2026-11-27.json', '2026-11-28.json']);
    const day27 = JSON.parse(await readFile(join(dir, 'articles', '2026-11-27.json'), 'utf8')) as { schema: number; articles: unknown[] };
    expect(day27.schema).toBe(1);
    expect(day27.articles).toHaveLength(2);
  });

  it('given an ingest dated today, rewrites only today\'s file and leaves older days untouched', async () => {
    for (let d = 1; d <= 5; d++) await store.addArticles([article({ published: hoursAgo(24 * d) }), article({ published: hoursAgo(24 * d + 1) })]);
    const before = new Map<string, number>();
    for (const f of await list('articles')) before.set(f, (await stat(join(dir, 'articles', f))).mtimeMs);
    const beforeBytes = new Map<string, string>();
    for (const f of before.keys()) beforeBytes.set(f, await readFile(join(dir, 'articles', f), 'utf8'));
    await new Promise((r) => setTimeout(r, 20)); // let the clock move so a rewrite would show in mtime

    await store.addArticles([article({ published: hoursAgo(1) })]);

    const after = await list('articles');
    expect(after).toEqual([...before.keys(), '2026-11-28.json'].sort());
    for (const [f, mtime] of before) {
      expect((await stat(join(dir, 'articles', f))).mtimeMs).toBe(mtime);
      expect(await readFile(join(dir, 'articles', f), 'utf8')).toBe(beforeBytes.get(f));
    }
  });

  it('given a busy day, fills chunks of 1,000 articles and rewrites only the newest one', async () => {
    const many = Array.from({ length: 2_300 }, () => article({ text: 'Short.' }));
    await store.addArticles(many.slice(0, 1_500));
    await store.addArticles(many.slice(1_500, 2_000));
    expect(await list('articles')).toEqual(['2026-11-28.2.json', '2026-11-28.json']);
    const first = await readFile(join(dir, 'articles', '2026-11-28.json'), 'utf8');
    await store.addArticles(many.slice(2_000));
    expect(await list('articles')).toEqual(['2026-11-28.2.json', '2026-11-28.3.json', '2026-11-28.json']);
    expect(await readFile(join(dir, 'articles', '2026-11-28.json'), 'utf8')).toBe(first);
    await store.close();
    store = await openStore(dir, { now: () => NOW, cachePartitions: 1 });
    expect(await store.countArticles()).toBe(2_300);
    expect((await store.listArticles()).map((a) => a.id).sort()).toEqual(many.map((a) => a.id).sort());
    expect(await store.getArticle(many[10]!.id)).toEqual(many[10]);
    expect((await store.addArticles([many[2_200]!])).duplicates).toHaveLength(1);
  });

  it('files deliveries by the UTC day of their slot and a bucket of their subscription', async () => {
    const bucket = deliveryPart(delivery('2026-11-27T23:30:00.000Z')).slice(10);
    await store.putDelivery(delivery('2026-11-27T23:30:00.000Z'));
    await store.putDelivery(delivery('2026-11-28T07:00:00.000Z'));
    expect(await list('deliveries')).toEqual([`2026-11-27${bucket}.json`, `2026-11-28${bucket}.json`]);
    // Many subscriptions due at once spread over several files, so one write stays small.
    for (let i = 0; i < 64; i++) await store.putDelivery(delivery('2026-11-28T08:00:00.000Z', { subscriptionId: `telegram:${i}` }));
    expect((await list('deliveries')).filter((f) => f.startsWith('2026-11-28')).length).toBeGreaterThan(8);
    expect(await store.listDeliveries(undefined, 3)).toHaveLength(3);
    expect((await store.listDeliveries('telegram:-100')).map((d) => d.slot)).toEqual(['2026-11-28T07:00:00.000Z', '2026-11-27T23:30:00.000Z']);
  });

  it('creates the folder 0700 and every file 0600', async () => {
    await store.addArticles([article()]);
    await store.putFeed(feed());
    await store.putSubscription(subscription());
    await store.putDelivery(delivery(hoursAgo(1)));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const sub of ['articles', 'deliveries', 'subscriptions', 'history']) expect((await stat(join(dir, sub))).mode & 0o777).toBe(0o700);
    const files = ['meta.json', 'feeds.json', `subscriptions/${bucketOf(subscription().id, SUBSCRIPTION_BUCKETS)}.json`, 'newsbot.lock', 'articles/2026-11-28.json', `deliveries/${deliveryPart(delivery(hoursAgo(1)))}.json`];
    for (const f of files) expect({ f, mode: (await stat(join(dir, f))).mode & 0o777 }).toEqual({ f, mode: 0o600 });
  });

  it('leaves no temp files behind', async () => {
    await store.addArticles([article(), article({ published: hoursAgo(30) })]);
    await store.putFeed(feed());
    const all = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.tmp'));
    expect(all).toEqual([]);
  });

  it('at open, removes temp files a crashed write left behind, and nothing else', async () => {
    await store.addArticles([article()]);
    await store.close();
    const leftover = join(dir, 'articles', '2026-11-28.json.4242-7.tmp');
    await writeFile(leftover, '{"schema":1,"art');
    await writeFile(join(dir, 'articles', 'notes.txt'), 'mine');
    store = await openStore(dir, { now: () => NOW });
    expect(await list('articles')).toEqual(['2026-11-28.json', 'notes.txt']);
    expect(await store.countArticles()).toBe(1);
  });

  it('given retentionDays, prunes once at open', async () => {
    await store.addArticles([article({ published: '2026-09-01T10:00:00.000Z' }), article({ published: hoursAgo(3) })]);
    await store.putDelivery(delivery('2026-09-01T08:00:00.000Z'));
    await store.close();
    store = await openStore(dir, { now: () => NOW, retentionDays: 30 });
    expect(await store.countArticles()).toBe(1);
    expect(await list('articles')).toEqual(['2026-11-28.json']);
    expect(await list('deliveries')).toEqual([]);
  });

  it('keeps at most maxNotes notes in notes.json, dropping the first to expire', async () => {
    await store.close();
    store = await openStore(dir, { now: () => NOW, maxNotes: 3 });
    for (const [key, h] of [['a', -5], ['b', -1], ['c', -9], ['d', -3]] as const) await store.putNote({ key, text: `text ${key}`, expiresAt: hoursAgo(h) });
    await store.putNote({ key: 'd', text: 'text d', expiresAt: hoursAgo(-4) }); // a replacement does not count twice
    const file = JSON.parse(await readFile(join(dir, 'notes.json'), 'utf8')) as { notes: { key: string }[] };
    expect(file.notes.map((n) => n.key).sort()).toEqual(['a', 'c', 'd']);
    expect(await store.getNote('b')).toBeNull();
  });

  it('given a folder written when analyses were version 2 (terms as strings), reads them as stored and stories use them as they are', async () => {
    await store.close();
    const legacy = { ...LEGACY_ARTICLE, analysis: LEGACY_ANALYSIS };
    await writeFile(join(dir, 'articles', '2026-11-27.json'), `{"schema":1,"articles":[\n${JSON.stringify(legacy)}\n]}\n`);
    store = withStories(await openStore(dir, { now: () => NOW }), { now: () => NOW });
    expect(await store.getArticle(legacy.id)).toEqual(legacy);
    const [only] = await keeperFor(store).storiesIn(new Date(NOW.getTime() - 2 * 86_400_000), NOW);
    expect(only).toMatchObject({ id: legacy.id, title: LEGACY_ANALYSIS.h, summary: buildStory([legacy]).summary });
    expect(only!.summary.length).toBeGreaterThan(0);
  });

  it('serves reads from a partition that fell out of the cache', async () => {
    await store.close();
    store = await openStore(dir, { now: () => NOW, cachePartitions: 1 });
    const days = [1, 2, 3].map((d) => article({ published: hoursAgo(24 * d) }));
    for (const a of days) await store.addArticles([a]);
    expect(await store.getArticle(days[0]!.id)).toEqual(days[0]);
    expect((await store.listArticles()).map((a) => a.id)).toEqual(days.map((a) => a.id).reverse());
    await store.addArticles([article({ published: hoursAgo(24 * 3 + 1) })]); // back into an evicted day
    expect(await store.countArticles()).toBe(4);
    await store.close();
    store = await openStore(dir, { now: () => NOW });
    expect(await store.countArticles()).toBe(4);
  });

  it('given a delivery record whose write is slow, answers reads of articles and subscriptions meanwhile, and the record once it is durable', async () => {
    await store.close();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const ops = { ...nodeFileOps, async writeNew(path: string, data: string) {
      if (path.includes('deliveries')) await held;
      return nodeFileOps.writeNew(path, data);
    } };
    store = await openStore(dir, { now: () => NOW, fs: ops });
    const a = article();
    await store.addArticles([a]);
    await store.putSubscription(subscription());
    const record = delivery(hoursAgo(1));
    const slow = store.putDelivery(record);
    const later = store.getDelivery(record.key);
    expect(await store.getArticle(a.id)).toEqual(a);
    expect(await store.listSubscriptions()).toHaveLength(1);
    let done = false;
    void later.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false); // a read of deliveries still waits for the write before it
    release();
    await slow;
    expect(await later).toEqual(record);
  });

  it('given a slow write to one delivery partition, stores a record of another partition meanwhile', async () => {
    await store.close();
    const slot = hoursAgo(1);
    const ids = Array.from({ length: 40 }, (_, i) => `telegram:${i}`);
    const first = delivery(slot, { subscriptionId: ids[0]! });
    const other = delivery(slot, { subscriptionId: ids.find((id) => deliveryPart({ slot, subscriptionId: id }) !== deliveryPart(first))! });
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const slowFile = `${deliveryPart(first)}.json`;
    const ops = { ...nodeFileOps, async writeNew(path: string, data: string) {
      if (path.includes(slowFile)) await held;
      return nodeFileOps.writeNew(path, data);
    } };
    store = await openStore(dir, { now: () => NOW, fs: ops });
    const slow = store.putDelivery(first);
    await store.putDelivery(other);
    expect(await store.getDelivery(other.key)).toEqual(other);
    release();
    await slow;
    expect((await store.listDeliveries()).map((d) => d.key).sort()).toEqual([first.key, other.key].sort());
  });

  it('keeps concurrent calls in order', async () => {
    const batch = Array.from({ length: 20 }, () => article());
    const results = await Promise.all(batch.map((a) => store.addArticles([a, batch[0]!])));
    expect(results.reduce((n, r) => n + r.added.length, 0)).toBe(20);
    await store.close();
    store = await openStore(dir, { now: () => NOW });
    expect(await store.countArticles()).toBe(20);
  });
});
