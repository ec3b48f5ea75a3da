/** Digest histories on PostgreSQL (table `digest_history`): read in batches, checked before any write. */
import type pg from 'pg';
import type { DigestHistory } from '../../model.js';
import { assertRecord, checkHistory } from '../schema.js';
import { BatchedReads } from './batched-reads.js';

/** What the history statements need of the store: one checked query. */
interface Queries {
  query<R extends pg.QueryResultRow>(what: string, text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Reads of histories asked together (a burst of due digests, one each) answered by one query. */
export function historyReads(db: Queries): BatchedReads<DigestHistory> {
  return new BatchedReads(async (ids) => {
    const r = await db.query<{ data: DigestHistory }>('read digest histories', 'SELECT data FROM digest_history WHERE subscription_id = ANY($1::text[])', [ids]);
    return new Map(r.rows.map((row) => [row.data.subscriptionId, row.data]));
  });
}

export async function putHistory(db: Queries, history: DigestHistory): Promise<void> {
  assertRecord('digest history', checkHistory, history, 'subscriptionId');
  await db.query('store a digest history', 'INSERT INTO digest_history (subscription_id, data) VALUES ($1, $2) ON CONFLICT (subscription_id) DO UPDATE SET data = EXCLUDED.data',
    [history.subscriptionId, JSON.stringify(history)]);
}
