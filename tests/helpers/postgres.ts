/**
 * Throwaway PostgreSQL databases for tests: one per test file run, with a unique name, dropped
 * after. The server is required (CI runs one): when it cannot be reached the tests fail with a
 * message saying so, never skip silently.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

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
