/**
 * Throwaway PostgreSQL databases for tests: one per test file run, with a unique name, dropped
 * after. The server is required (CI runs one): when it cannot be reached the tests fail with a
 * message saying so, never skip silently.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, onTestFinished } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { migrate } from '../../src/store/postgres/migrate.js';

/** The database the tests connect to for CREATE/DROP DATABASE. */
export const PG_ADMIN_URL = process.env.NEWSBOT_TEST_DATABASE_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await c.connect();
  } catch (err) {
    throw new Error(`these tests need PostgreSQL at ${PG_ADMIN_URL} (trust auth; set NEWSBOT_TEST_DATABASE_URL to use another): ${(err as Error).message}`);
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh empty database; `drop` removes it (connections to it are closed first). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `newsbot_${label.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** Empties every newsbot table (keeps the schema and the migrations record). */
export async function truncateAll(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('TRUNCATE articles, stories, digest_history, feeds, subscriptions, deliveries, leases, send_window, poll_cursors, notes RESTART IDENTITY');
  } finally {
    await c.end();
  }
}

/** The store of the running test, on the file's migrated throwaway database. */
export interface PostgresFixture {
  readonly db: TestDatabase;
  readonly store: PostgresStore;
}

/**
 * The set-up of a test file on the real PostgreSQL: one database created and migrated before the
 * file, emptied and opened as a store before each test (closed after it), dropped after the file.
 */
export function usePostgresStore(label: string): PostgresFixture {
  let db: TestDatabase | null = null;
  let store: PostgresStore | null = null;
  beforeAll(async () => {
    db = await createTestDatabase(label);
    await migrate(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    const url = (db as TestDatabase).url;
    await truncateAll(url);
    const opened = await openPostgresStore(url, { migrate: false });
    store = opened;
    onTestFinished(() => opened.close());
  });
  return {
    get db() {
      if (!db) throw new Error('usePostgresStore: the database is made in beforeAll');
      return db;
    },
    get store() {
      if (!store) throw new Error('usePostgresStore: the store is opened in beforeEach');
      return store;
    },
  };
}

/** Counts the statements a PostgreSQL store sends from now on, by what they do (the `what` of its query). */
export function countQueries(store: PostgresStore): Map<string, number> {
  const seen = new Map<string, number>();
  const query = store.query.bind(store);
  Object.defineProperty(store, 'query', {
    value: (what: string, text: string, params?: unknown[]) => (seen.set(what, (seen.get(what) ?? 0) + 1), query(what, text, params)),
  });
  return seen;
}
