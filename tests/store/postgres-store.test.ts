import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { readdirSync } from 'node:fs';
import { MIGRATIONS_DIR, migrate } from '../../src/store/postgres/migrate.js';
import { StoreError } from '../../src/store/store-error.js';
import { storeContract } from './store-contract.js';
import { NOW, article } from './fixtures.js';
import { createTestDatabase, truncateAll } from '../helpers/postgres.js';
import type { TestDatabase } from '../helpers/postgres.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('store');
});
afterAll(async () => {
  await db?.drop();
});

storeContract('postgres store', async () => {
  await migrate(db.url);
  await truncateAll(db.url);
  let store = await openPostgresStore(db.url, { now: () => NOW });
  return {
    store,
    async reopen() {
      await store.close();
      store = await openPostgresStore(db.url, { now: () => NOW });
      return store;
    },
    dispose: () => store.close(),
  };
});

describe('postgres store: migrations and errors', () => {
  it('given several instances migrating at once, migrates once and all open the same schema', async () => {
    const fresh = await createTestDatabase('migrate');
    try {
      const runs = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
      const all = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
      expect(all.slice(0, 2)).toEqual(['001_initial', '002_send-window']);
      expect(runs.flat()).toEqual(all); // each once, in order, whichever instance ran it
      expect(await migrate(fresh.url)).toEqual([]);
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      const tables = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
      await c.end();
      expect(tables.rows.map((r: { tablename: string }) => r.tablename)).toEqual(['article_count', 'articles', 'deliveries', 'digest_history', 'feeds', 'leases', 'newsbot_migrations', 'notes', 'poll_cursors', 'send_window', 'stories', 'subscriptions']);
    } finally {
      await fresh.drop();
    }
  });

  it('given an unreachable server, throws one StoreError naming it and what to check', async () => {
    const err = await openPostgresStore('postgres://nobody@127.0.0.1:1/nothing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/nothing: could not connect: .*check that PostgreSQL runs there and NEWSBOT_DATABASE_URL is right$/);
  });

  it('given a database that does not exist, says to create it', async () => {
    const u = new URL(db.url);
    u.pathname = `/${db.name}_missing`;
    await expect(openPostgresStore(u.toString())).rejects.toThrow(/create the database \(createdb\)/);
  });

  it('stores a large batch in one call and finds every id again', async () => {
    const store = await openPostgresStore(db.url);
    try {
      const batch = Array.from({ length: 12_000 }, (_, i) => article({ id: `b${i.toString(16).padStart(15, '0')}` }));
      const r = await store.addArticles(batch);
      expect(r.added).toHaveLength(12_000);
      expect((await store.addArticles(batch.slice(0, 10))).duplicates).toHaveLength(10);
      expect(await store.countArticles()).toBeGreaterThanOrEqual(12_000);
    } finally {
      await store.close();
    }
  });
});
