/**
 * Feeds shared by several instances: before fetching a due feed an instance claims it for one
 * poll interval (a lease on the feed's row); the others skip it until the lease runs out, by
 * which time the fetch has moved the feed's nextFetchAt on. A claimer that dies mid-fetch only
 * delays that feed to the next interval.
 */
import type { Feed } from '../model.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { FeedClaim } from '../ingest/feeds.js';

/** A FeedClaim for instance `holder`, each claim lasting `leaseMs` (about one poll interval). */
export function pgFeedClaim(db: PostgresStore, holder: string, leaseMs: number): FeedClaim {
  return async (feed: Feed) => {
    const r = await db.query('claim a feed',
      `UPDATE feeds SET claimed_by = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE id = $1 AND (lease_until IS NULL OR lease_until < clock_timestamp()) RETURNING id`, [feed.id, holder, leaseMs]);
    return (r.rowCount ?? 0) > 0;
  };
}
