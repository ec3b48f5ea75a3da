/**
 * Connecting to PostgreSQL (node-postgres pool) and turning its errors into one-line StoreErrors
 * that name the server (never the password) and say what to do.
 */
import pg from 'pg';
import { StoreError, describeError, errorCode } from '../store-error.js';

/** What the statement helpers (notes, histories, batched reads) need of the store: one checked query. */
export interface Queries {
  query<R extends pg.QueryResultRow>(what: string, text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** True for the URLs the PostgreSQL store accepts (`postgres://…`, `postgresql://…`). */
export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** `host:port/database` of a URL, for messages (no user, no password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN']);

/** Wraps a driver error: `what` is the operation ("list articles"), `where` the server. */
export function pgError(where: string, what: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = errorCode(err);
  let advice = 'check the server log';
  if (code && UNREACHABLE.has(code)) advice = 'check that PostgreSQL runs there and NEWSBOT_DATABASE_URL is right';
  else if (code === '3D000') advice = 'create the database (createdb) or fix NEWSBOT_DATABASE_URL';
  else if (code === '28P01' || code === '28000') advice = 'check the user and password in NEWSBOT_DATABASE_URL';
  else if (code === '42P01') advice = 'run `newsbot store migrate`';
  return new StoreError(`PostgreSQL at ${where}: could not ${what}: ${describeError(err)}; ${advice}`, { cause: err });
}

/** Options of a pool. */
export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** A pool on `url`; connects lazily. Idle-connection errors are kept from crashing the process. */
export function createPool(url: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'newsbot',
    connectionTimeoutMillis: 10_000,
  });
  // A server restart breaks idle connections; the pool replaces them on the next query.
  pool.on('error', () => undefined);
  return pool;
}
