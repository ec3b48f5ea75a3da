import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { MIGRATIONS_DIR, MIGRATIONS_TABLE, migrate } from '../../src/store/postgres/migrate.js';
import { DAY_MS } from '../../src/store/partitions.js';
import { NOW, article } from './fixtures.js';
import { createTestDatabase, truncateAll } from '../helpers/postgres.js';
import type { TestDatabase } from '../helpers/postgres.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('count');
  await migrate(db.url);
});
afterAll(async () => {
  await db?.drop();
});

const idOf = (p: string, i: number): string => `${p}${i.toString(16).padStart(12, '0')}`;

/** count(*) over the articles, after checking that the kept row says the same. */
async function counted(store: PostgresStore): Promise<number> {
  const kept = Number((await store.query<{ n: string }>('read the count', 'SELECT n FROM article_count')).rows[0]!.n);
  const all = Number((await store.query<{ n: string }>('count', 'SELECT count(*) AS n FROM articles')).rows[0]!.n);
  expect(kept).toBe(all);
  return all;
}

describe('postgres store: the article count kept by migration 006', () => {
  it('given batches with duplicates, a prune and a TRUNCATE, countArticles stays what count(*) says', async () => {
    await truncateAll(db.url);
    const store = await openPostgresStore(db.url, { migrate: false });
    try {
      const old = new Date(NOW.getTime() - 40 * DAY_MS).toISOString();
      const batch = Array.from({ length: 300 }, (_, i) => article({ id: idOf('c', i), ...(i % 3 === 0 ? { published: old, fetchedAt: old } : {}) }));
      await store.addArticles(batch.slice(0, 200));
      expect(await store.countArticles()).toBe(200);
      const r = await store.addArticles(batch.slice(100)); // 100 already there
      expect(r.duplicates).toHaveLength(100);
      expect(await store.countArticles()).toBe(300);
      expect(await counted(store)).toBe(300);
      expect(await store.prune(NOW, 30)).toBe(100);
      expect(await store.countArticles()).toBe(await counted(store));
      expect(await store.countArticles()).toBe(200);
      await store.query('truncate', 'TRUNCATE articles');
      expect(await store.countArticles()).toBe(0);
      await store.transaction('add and roll back', async (c) => {
        await c.query("INSERT INTO articles (id, article_time, data) VALUES ('x1', now(), '{}')");
        throw new Error('roll back');
      }).catch(() => undefined);
      expect(await store.countArticles()).toBe(0);
      expect(await counted(store)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('given two instances storing at once, counts every article either stored', async () => {
    await truncateAll(db.url);
    const [a, b] = await Promise.all([openPostgresStore(db.url, { migrate: false }), openPostgresStore(db.url, { migrate: false })]);
    try {
      const batches = (p: string): Promise<unknown>[] => Array.from({ length: 10 }, (_, k) => Array.from({ length: 50 }, (_, i) => article({ id: idOf(p, k * 50 + i) })))
        .map((part, k) => (k % 2 ? a : b).addArticles(part));
      await Promise.all([...batches('p'), ...batches('q'), ...batches('p')]); // the second 'p' round is all duplicates
      expect(await a.countArticles()).toBe(1000);
      expect(await b.countArticles()).toBe(await counted(a));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('given articles stored before the migration ran, counts them', async () => {
    const fresh = await createTestDatabase('count_before');
    try {
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      try {
        await runner({ dbClient: c, dir: MIGRATIONS_DIR, ignorePattern: '(\\..*|.*\\.map|.*\\.d\\.ts)', migrationsTable: MIGRATIONS_TABLE, direction: 'up', count: 4, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
        await c.query("INSERT INTO articles (id, article_time, data) SELECT 'a' || i, now(), '{}' FROM generate_series(1, 7) i");
      } finally {
        await c.end();
      }
      expect(await migrate(fresh.url)).toEqual(['006_article-count']);
      const store = await openPostgresStore(fresh.url, { migrate: false });
      try {
        expect(await store.countArticles()).toBe(7);
        expect(await counted(store)).toBe(7);
      } finally {
        await store.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
