import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { copyStore } from '../../src/store/copy.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase } from '../helpers/postgres.js';
import type { TestDatabase } from '../helpers/postgres.js';
import { runCli } from '../cli/run-cli.js';
import { NOW, article, delivery, feed, hoursAgo, story, subscription, tempDir } from './fixtures.js';

/** A store with a bit of everything: articles over many days (one very old), feeds, subscriptions, deliveries. */
async function fill(store: Store): Promise<void> {
  const arts = Array.from({ length: 300 }, (_, i) => article({ published: hoursAgo(i * 5), feedId: i % 3 === 0 ? 'f1' : null, ...(i % 7 === 0 ? { backfill: true as const } : {}) }));
  arts.push(article({ published: '1999-03-01T08:00:00.000Z', fetchedAt: hoursAgo(2) }));
  await store.addArticles(arts);
  await store.putFeed(feed({ id: 'f1', failures: 2, lastError: 'timeout' }));
  await store.putFeed(feed({ id: 'f2', url: 'https://other.example/rss', scope: 'telegram:-100' }));
  for (let i = 0; i < 20; i++) await store.putSubscription(subscription({ id: `telegram:${i}`, chatId: String(i), topics: [`t${i}`] }));
  await store.putStories(Array.from({ length: 30 }, (_, i) => story({ first: hoursAgo(i * 7 + 1), last: hoursAgo(i * 7) })));
  await store.putDigestHistory({ subscriptionId: 'telegram:3', stories: [{ id: 's1', version: 2, articles: 3, sentAt: hoursAgo(1) }], updatedAt: hoursAgo(1) });
  await store.putDeliveries(Array.from({ length: 40 }, (_, i) => delivery(hoursAgo(i), { subscriptionId: `telegram:${i % 20}`, status: i % 2 ? 'sent' : 'pending' })));
}

/** Everything a store holds, in a comparable form. */
async function dump(store: Store) {
  return {
    articles: await store.listArticles(),
    feeds: await store.listFeeds(),
    subscriptions: await store.listSubscriptions(),
    deliveries: await store.listDeliveries(),
    stories: await store.listStories(),
    history: await store.getDigestHistory('telegram:3'),
  };
}

describe('store copy', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('copy');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('round-trips lowdb → PostgreSQL → lowdb with nothing lost (counts and every record compared)', async () => {
    const { root, cleanup } = await tempDir();
    onTestFinished(cleanup);
    const a = await openStore(join(root, 'a'), { now: () => NOW });
    await fill(a);
    const before = await dump(a);
    const pg = await openPostgresStore(db.url);
    const there = await copyStore(a, pg, { until: NOW });
    expect(there.articles).toEqual({ source: 301, written: 301, target: 301 });
    expect(there.deliveries.target).toBe(40);
    expect(there.stories).toEqual({ source: 30, written: 30, target: 30 });
    expect(there.histories).toEqual({ source: 1, written: 1, target: 1 });
    await a.close();
    const b = await openStore(join(root, 'b'), { now: () => NOW });
    const back = await copyStore(pg, b, { until: NOW });
    expect(back.subscriptions).toEqual({ source: 20, written: 20, target: 20 });
    expect(await dump(b)).toEqual(before);
    expect(await dump(pg)).toEqual(before);
    await b.close();
    await pg.close();
  });

  it('resumes after an interruption: a second run copies what is missing and changes nothing else', async () => {
    const src = createMemoryStore();
    await fill(src);
    const dst = createMemoryStore();
    let writes = 0;
    const failing: Store = {
      ...dst,
      addArticles: async (list) => {
        if (++writes > 2) throw new Error('connection lost');
        return dst.addArticles(list);
      },
    };
    await expect(copyStore(src, failing, { until: NOW, batch: 10 })).rejects.toThrow('connection lost');
    const partial = await dst.countArticles();
    expect(partial).toBeGreaterThan(0);
    const report = await copyStore(src, dst, { until: NOW, batch: 10 });
    expect(report.articles).toEqual({ source: 301, written: 301 - partial, target: 301 });
    expect(await dump(dst)).toEqual(await dump(src));
  });

  it('fails the count check when the target ends up short, and says to run it again', async () => {
    const src = createMemoryStore();
    await fill(src);
    const dst = createMemoryStore();
    const lossy: Store = { ...dst, addArticles: async (list) => dst.addArticles(list.slice(1)) };
    await expect(copyStore(src, lossy, { until: NOW })).rejects.toThrow(/target holds fewer records than the source \(articles \d+ of 301\); run the copy again/);
  });

  it('runs as `newsbot store copy --from <dir> --to <url>` and refuses a bad pair in one line', async () => {
    const { root, cleanup } = await tempDir();
    onTestFinished(cleanup);
    const dir = join(root, 'data');
    const s = await openStore(dir, { now: () => NOW });
    await s.addArticles([article({ published: hoursAgo(3, new Date()), fetchedAt: new Date().toISOString() })]);
    await s.putFeed(feed());
    await s.close();
    const target = await createTestDatabase('copycli');
    onTestFinished(() => target.drop());
    const run = await runCli(['store', 'copy', '--from', dir, '--to', target.url, '--json']);
    expect(run.stderr).toMatch(/store copy: articles 1\/1/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ articles: { source: 1, target: 1 }, feeds: { source: 1, target: 1 } });
    const same = await runCli(['store', 'copy', '--from', dir, '--to', dir]);
    expect(same.code).toBe(2);
    expect(same.stderr.trim()).toBe('newsbot: store copy: --from and --to are the same store');
    const noUrl = await runCli(['store', 'migrate']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/store migrate needs NEWSBOT_DATABASE_URL/);
  }, 60_000);
});
