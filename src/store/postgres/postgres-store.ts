/**
 * The PostgreSQL Store, chosen with NEWSBOT_DATABASE_URL: the same contract as the lowdb store
 * (same checks before any write, same ordering, same whole-day pruning), for several instances
 * on one database. Records are kept whole as jsonb beside the columns queried on (migrations/).
 * Every driver error becomes a one-line StoreError naming the server and what to do.
 */
import type pg from 'pg';
import { articleTime } from '../../model.js';
import type { Article, DeliveryRecord, DigestHistory, Feed, Note, StoryRecord, Subscription } from '../../model.js';
import type { AddResult, ArticleQuery, Store, StoryQuery } from '../store.js';
import { StoreError } from '../store-error.js';
import { DAY_MS, checkRetention } from '../partitions.js';
import { parseQuery } from '../query.js';
import { assertRecord, checkSameId, checkArticle, checkDelivery, checkFeed, checkStory, checkSubscription } from '../schema.js';
import { storyWindow } from '../story-partitions.js';
import { createPool, describeUrl, pgError } from './connect.js';
import { migrate } from './migrate.js';
import { getNote, putNote, pruneNotes } from './notes.js';
import { putHistory } from './histories.js';
import { recordReads } from './record-reads.js';

/** Options of `openPostgresStore`. */
export interface OpenPostgresOptions {
  /** When set, prunes articles and delivery records older than this many days once at open. */
  retentionDays?: number;
  now?: () => Date;
  /** Run pending migrations first (default true). */
  migrate?: boolean;
  /** Connections at most (default 10). */
  poolSize?: number;
}

/** Rows per INSERT: keeps one statement's parameters and memory bounded on big batches. */
const BATCH = 5_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Opens the store on `url`, migrating the schema first; throws StoreError when the server cannot be used. */
export async function openPostgresStore(url: string, opts: OpenPostgresOptions = {}): Promise<PostgresStore> {
  if (opts.retentionDays !== undefined) checkRetention(opts.retentionDays);
  if (opts.migrate !== false) await migrate(url);
  const store = new PostgresStore(createPool(url, { max: opts.poolSize ?? 10 }), describeUrl(url));
  try {
    await store.query('connect', 'SELECT 1 FROM articles LIMIT 1');
    if (opts.retentionDays !== undefined) await store.prune((opts.now ?? (() => new Date()))(), opts.retentionDays);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** A Store on a PostgreSQL pool; `pool` is shared with the multi-instance modules (src/cluster). */
export class PostgresStore implements Store {
  private closed = false;

  constructor(readonly pool: pg.Pool, readonly where: string) {}

  /** Runs one statement; `what` names it in the error ("list articles"). */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(what: string, text: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new StoreError(`the store on PostgreSQL at ${this.where} is closed`);
    try {
      return await this.pool.query<R>(text, params);
    } catch (err) {
      throw pgError(this.where, what, err);
    }
  }

  /** Runs `fn` in one transaction on one connection (committed when it resolves, rolled back when it throws). */
  async transaction<T>(what: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(`the store on PostgreSQL at ${this.where} is closed`);
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgError(this.where, what, err);
    }
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(this.where, what, err);
    } finally {
      client.release();
    }
  }

  async addArticles(input: Article[]): Promise<AddResult> {
    for (const a of input) assertRecord('article', checkArticle, a, 'id');
    const first = new Map<string, Article>();
    for (const a of input) if (!first.has(a.id)) first.set(a.id, a);
    const inserted = new Set<string>();
    const unique = [...first.values()];
    for (let i = 0; i < unique.length; i += BATCH) {
      const part = unique.slice(i, i + BATCH);
      const r = await this.query<{ id: string }>('store articles',
        `INSERT INTO articles (id, article_time, feed_id, data)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::jsonb[])
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [part.map((a) => a.id), part.map((a) => articleTime(a)), part.map((a) => a.feedId), part.map((a) => JSON.stringify(a))]);
      for (const row of r.rows) inserted.add(row.id);
    }
    const added: Article[] = [];
    const duplicates: Article[] = [];
    for (const a of input) {
      if (first.get(a.id) === a && inserted.has(a.id)) added.push(a);
      else duplicates.push(a);
    }
    return { added, duplicates };
  }

  getArticle(id: string): Promise<Article | null> {
    return this.reads.articles.get(id);
  }

  async hasArticle(id: string): Promise<boolean> {
    return (await this.reads.held.get(id)) !== null;
  }

  async listArticles(query?: ArticleQuery): Promise<Article[]> {
    const q = parseQuery(query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from !== undefined) where.push(`article_time >= $${params.push(iso(q.from))}`);
    if (q.to !== undefined) where.push(`article_time < $${params.push(iso(q.to))}`);
    if (q.feeds !== undefined) {
      const ids = [...q.feeds].filter((f): f is string => f !== null);
      const orNull = q.feeds.has(null) ? ' OR feed_id IS NULL' : '';
      where.push(`(feed_id = ANY($${params.push(ids)}::text[])${orNull})`);
    }
    const r = await this.query<{ data: Article }>('list articles',
      `SELECT data FROM articles ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY article_time, id`, params);
    return r.rows.map((row) => row.data);
  }

  /** The count the triggers of migration 006 keep (one row read, not a count over every article). */
  async countArticles(): Promise<number> {
    const r = await this.query<{ n: string }>('count articles', 'SELECT n FROM article_count');
    return Number(r.rows[0]?.n ?? 0);
  }

  async putStories(stories: StoryRecord[]): Promise<void> {
    for (const st of stories) assertRecord('story', checkStory, st, 'id');
    const last = [...new Map(stories.map((st) => [st.id, st])).values()];
    for (let i = 0; i < last.length; i += BATCH) {
      const part = last.slice(i, i + BATCH);
      await this.query('store stories',
        `INSERT INTO stories (id, first_at, last_at, data)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[])
         ON CONFLICT (id) DO UPDATE SET first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at, data = EXCLUDED.data`,
        [part.map((st) => st.id), part.map((st) => st.first), part.map((st) => st.last), part.map((st) => JSON.stringify(st))]);
    }
  }

  getStory(id: string): Promise<StoryRecord | null> {
    return this.reads.stories.get(id);
  }

  async listStories(query?: StoryQuery): Promise<StoryRecord[]> {
    const w = storyWindow(query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (w.from !== undefined) where.push(`last_at >= $${params.push(iso(w.from))}`);
    if (w.to !== undefined) where.push(`first_at < $${params.push(iso(w.to))}`);
    const r = await this.query<{ data: StoryRecord }>('list stories',
      `SELECT data FROM stories ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_at, id`, params);
    return r.rows.map((row) => row.data);
  }

  /** Reads by id asked together (an ingest batch, a burst of due digests) share one query. */
  private readonly reads = recordReads(this);

  /** Histories read together (a burst of due digests) share one query. */
  async getDigestHistory(subscriptionId: string): Promise<DigestHistory | null> {
    if (this.closed) throw new StoreError(`the store on PostgreSQL at ${this.where} is closed`);
    return this.reads.histories.get(subscriptionId);
  }

  putDigestHistory = (history: DigestHistory): Promise<void> => putHistory(this, history);

  async listFeeds(): Promise<Feed[]> {
    return (await this.query<{ data: Feed }>('list feeds', 'SELECT data FROM feeds ORDER BY seq')).rows.map((r) => r.data);
  }

  async getFeed(id: string): Promise<Feed | null> {
    return (await this.query<{ data: Feed }>('read a feed', 'SELECT data FROM feeds WHERE id = $1', [id])).rows[0]?.data ?? null;
  }

  async putFeed(feed: Feed): Promise<void> {
    assertRecord('feed', checkFeed, feed, 'id');
    await this.query('store a feed', 'INSERT INTO feeds (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [feed.id, JSON.stringify(feed)]);
  }

  async removeFeed(id: string): Promise<boolean> {
    return ((await this.query('remove a feed', 'DELETE FROM feeds WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.query<{ data: Subscription }>('list subscriptions', 'SELECT data FROM subscriptions ORDER BY seq')).rows.map((r) => r.data);
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    return (await this.query<{ data: Subscription }>('read a subscription', 'SELECT data FROM subscriptions WHERE id = $1', [id])).rows[0]?.data ?? null;
  }

  async putSubscription(sub: Subscription): Promise<void> {
    assertRecord('subscription', checkSubscription, sub, 'id');
    await this.query('store a subscription', 'INSERT INTO subscriptions (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [sub.id, JSON.stringify(sub)]);
  }

  /** One transaction; a transaction-scoped advisory lock on the id serialises updates, also of a row not yet there. */
  async updateSubscription(id: string, change: (current: Subscription | null) => Subscription | null): Promise<Subscription | null> {
    if (this.closed) throw new StoreError(`the store on PostgreSQL at ${this.where} is closed`);
    const client = await this.pool.connect().catch((err: unknown) => {
      throw pgError(this.where, 'update a subscription', err);
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subscription:${id}`]);
      const current = (await client.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE id = $1', [id])).rows[0]?.data ?? null;
      const next = change(current === null ? null : structuredClone(current));
      if (next === null) {
        await client.query('COMMIT');
        return current;
      }
      checkSameId(next, id);
      assertRecord('subscription', checkSubscription, next, 'id');
      await client.query('INSERT INTO subscriptions (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [id, JSON.stringify(next)]);
      await client.query('COMMIT');
      return structuredClone(next);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err instanceof StoreError ? err : pgError(this.where, 'update a subscription', err);
    } finally {
      client.release();
    }
  }

  async removeSubscription(id: string): Promise<boolean> {
    return ((await this.query('remove a subscription', 'DELETE FROM subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    return (await this.query<{ data: DeliveryRecord }>('read a delivery record', 'SELECT data FROM deliveries WHERE key = $1', [key])).rows[0]?.data ?? null;
  }

  async putDelivery(record: DeliveryRecord): Promise<void> {
    await this.putDeliveries([record]);
  }

  /** Upserts by key; the lease columns (claimed_by, lease_until) are left as they are. */
  async putDeliveries(records: DeliveryRecord[]): Promise<void> {
    for (const r of records) assertRecord('delivery record', checkDelivery, r, 'key');
    const last = [...new Map(records.map((r) => [r.key, r])).values()];
    for (let i = 0; i < last.length; i += BATCH) {
      const part = last.slice(i, i + BATCH);
      await this.query('store delivery records',
        `INSERT INTO deliveries (key, subscription_id, slot, status, data)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[])
         ON CONFLICT (key) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, slot = EXCLUDED.slot, status = EXCLUDED.status, data = EXCLUDED.data`,
        [part.map((r) => r.key), part.map((r) => r.subscriptionId), part.map((r) => r.slot), part.map((r) => r.status), part.map((r) => JSON.stringify(r))]);
    }
  }

  async listDeliveries(subscriptionId?: string, limit?: number): Promise<DeliveryRecord[]> {
    const params: unknown[] = [];
    const where = subscriptionId === undefined ? '' : `WHERE subscription_id = $${params.push(subscriptionId)}`;
    const lim = limit === undefined ? '' : `LIMIT $${params.push(Math.max(0, Math.floor(limit)))}`;
    const r = await this.query<{ data: DeliveryRecord }>('list delivery records', `SELECT data FROM deliveries ${where} ORDER BY slot DESC, key ${lim}`, params);
    return r.rows.map((row) => row.data);
  }

  putNote = (note: Note): Promise<void> => putNote(this, note);
  getNote = (key: string): Promise<Note | null> => getNote(this, key);

  /** Drops whole UTC days that lie before `now − retentionDays`, as the lowdb store drops day files. */
  async prune(now: Date, retentionDays: number): Promise<number> {
    checkRetention(retentionDays);
    const cutoff = now.getTime() - retentionDays * DAY_MS;
    // A day is expired once its end is ≤ the cutoff: everything before the start of the day after (cutoff − 1 day).
    const bound = iso(Math.floor((cutoff - DAY_MS) / DAY_MS) * DAY_MS + DAY_MS);
    const r = await this.query('prune articles', 'DELETE FROM articles WHERE article_time < $1', [bound]);
    await this.query('prune stories', 'DELETE FROM stories WHERE last_at < $1', [bound]);
    await this.query('prune delivery records', 'DELETE FROM deliveries WHERE slot < $1', [bound]);
    await pruneNotes(this, now);
    return r.rowCount ?? 0;
  }

  /** Ends the pool (waits for queries in flight). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }
}
