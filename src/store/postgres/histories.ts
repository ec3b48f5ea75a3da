/** Digest histories on PostgreSQL (table `digest_history`): checked before any write (reads are batched in record-reads.ts). */
import type { DigestHistory } from '../../model.js';
import { assertRecord, checkHistory } from '../schema.js';
import type { Queries } from './connect.js';

export async function putHistory(db: Queries, history: DigestHistory): Promise<void> {
  assertRecord('digest history', checkHistory, history, 'subscriptionId');
  await db.query('store a digest history', 'INSERT INTO digest_history (subscription_id, data) VALUES ($1, $2) ON CONFLICT (subscription_id) DO UPDATE SET data = EXCLUDED.data',
    [history.subscriptionId, JSON.stringify(history)]);
}
