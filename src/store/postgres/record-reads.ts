/**
 * Reads of articles and stories by id on PostgreSQL, asked together and answered by one query each
 * (batched-reads.ts): an ingest batch checks every article it brings, and the stories it changes
 * read their earlier record and members, hundreds in the same turn of the event loop.
 */
import type pg from 'pg';
import type { Article, StoryRecord } from '../../model.js';
import { BatchedReads } from './batched-reads.js';

/** What the reads need of the store: one checked query. */
interface Queries {
  query<R extends pg.QueryResultRow>(what: string, text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export function recordReads(db: Queries): { held: BatchedReads<true>; articles: BatchedReads<Article>; stories: BatchedReads<StoryRecord> } {
  return {
    held: new BatchedReads(async (ids) => {
      const r = await db.query<{ id: string }>('read articles', 'SELECT id FROM articles WHERE id = ANY($1::text[])', [ids]);
      return new Map(r.rows.map((row) => [row.id, true as const]));
    }),
    articles: new BatchedReads(async (ids) => {
      const r = await db.query<{ data: Article }>('read articles', 'SELECT data FROM articles WHERE id = ANY($1::text[])', [ids]);
      return new Map(r.rows.map((row) => [row.data.id, row.data]));
    }),
    stories: new BatchedReads(async (ids) => {
      const r = await db.query<{ data: StoryRecord }>('read stories', 'SELECT data FROM stories WHERE id = ANY($1::text[])', [ids]);
      return new Map(r.rows.map((row) => [row.data.id, row.data]));
    }),
  };
}
