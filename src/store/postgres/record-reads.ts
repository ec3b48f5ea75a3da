/**
 * Reads by id on PostgreSQL asked together and answered by one query each (batched-reads.ts): an
 * ingest batch checks every article it brings and the stories it changes read their earlier record
 * and members, a burst of due digests reads one history each; hundreds in the same turn of the
 * event loop.
 */
import type pg from 'pg';
import type { Article, DigestHistory, StoryRecord } from '../../model.js';
import { BatchedReads } from './batched-reads.js';
import type { Queries } from './connect.js';

/** Reads asked together, answered by `sql` over the ids (its one parameter), each row's id and record by `entry`. */
function readsBy<R extends pg.QueryResultRow, V>(db: Queries, what: string, sql: string, entry: (row: R) => [string, V]): BatchedReads<V> {
  return new BatchedReads(async (ids) => new Map((await db.query<R>(what, sql, [ids])).rows.map(entry)));
}

export function recordReads(db: Queries): {
  held: BatchedReads<true>;
  articles: BatchedReads<Article>;
  stories: BatchedReads<StoryRecord>;
  histories: BatchedReads<DigestHistory>;
} {
  return {
    held: readsBy(db, 'read articles', 'SELECT id FROM articles WHERE id = ANY($1::text[])', (row: { id: string }) => [row.id, true as const]),
    articles: readsBy(db, 'read articles', 'SELECT data FROM articles WHERE id = ANY($1::text[])', (row: { data: Article }) => [row.data.id, row.data]),
    stories: readsBy(db, 'read stories', 'SELECT data FROM stories WHERE id = ANY($1::text[])', (row: { data: StoryRecord }) => [row.data.id, row.data]),
    histories: readsBy(db, 'read digest histories', 'SELECT data FROM digest_history WHERE subscription_id = ANY($1::text[])',
      (row: { data: DigestHistory }) => [row.data.subscriptionId, row.data]),
  };
}
