/**
 * The Telegram poll position in PostgreSQL (table poll_cursors), written only by the holder of the
 * poll lease (the write checks the lease in the same statement) and never moved backwards. The
 * next poller starts from it: Telegram confirms every update below the offset it is asked for, and
 * sends again the ones at or past it, of which those listed as handled are skipped.
 */
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { PollCursor, PollPosition } from './poll-leader.js';

/** The cursor `name`, fenced by the lease `leaseName` held by `holder`. */
export function pgPollCursor(db: PostgresStore, name: string, leaseName: string, holder: string): PollCursor {
  return {
    async load(): Promise<PollPosition> {
      const r = await db.query<{ next_offset: string; handled: string[] }>('read the poll position', 'SELECT next_offset, handled FROM poll_cursors WHERE name = $1', [name]);
      const row = r.rows[0];
      return row ? { offset: Number(row.next_offset), handled: row.handled.map(Number) } : { offset: 0, handled: [] };
    },
    async save(p: PollPosition): Promise<boolean> {
      const r = await db.query('store the poll position',
        `INSERT INTO poll_cursors (name, next_offset, handled, updated_at)
         SELECT $1, $2, $3::bigint[], clock_timestamp()
         WHERE EXISTS (SELECT 1 FROM leases WHERE name = $4 AND holder = $5 AND lease_until >= clock_timestamp())
         ON CONFLICT (name) DO UPDATE SET next_offset = EXCLUDED.next_offset, handled = EXCLUDED.handled, updated_at = EXCLUDED.updated_at
           WHERE poll_cursors.next_offset <= EXCLUDED.next_offset`,
        [name, p.offset, p.handled, leaseName, holder]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
