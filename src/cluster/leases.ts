/**
 * Named leases in PostgreSQL (table `leases`): one holder at a time, for a limited time, renewed
 * by the holder while it works; a holder that dies stops renewing and the lease falls free when
 * it expires. Times are the database's (`clock_timestamp()`), so instances' clocks may differ.
 */
import type { PostgresStore } from '../store/postgres/postgres-store.js';

/** Leases by name for one instance. */
export class Leases {
  constructor(private readonly db: PostgresStore, readonly holder: string) {}

  /**
   * Takes `name` (or renews it when already ours) for `ttlMs`. Returns false when another
   * instance holds it and its lease has not expired.
   */
  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const r = await this.db.query('take a lease',
      `INSERT INTO leases (name, holder, lease_until) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
       WHERE leases.holder = EXCLUDED.holder OR leases.lease_until < clock_timestamp()
       RETURNING name`, [name, this.holder, ttlMs]);
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * Takes `name` for `ttlMs` only when nobody holds it, this instance included: true at most once
   * per `ttlMs` across all instances (a turn, e.g. one gateway IDENTIFY per 5 s).
   */
  async takeTurn(name: string, ttlMs: number): Promise<boolean> {
    const r = await this.db.query('take a turn',
      `INSERT INTO leases (name, holder, lease_until) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
       WHERE leases.lease_until < clock_timestamp()
       RETURNING name`, [name, this.holder, ttlMs]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Gives `name` up at once (if ours), so another instance need not wait for it to expire. */
  async release(name: string): Promise<void> {
    await this.db.query('release a lease', 'DELETE FROM leases WHERE name = $1 AND holder = $2', [name, this.holder]);
  }

  /** Holders of unexpired leases whose name starts with `prefix`, by name. */
  async live(prefix: string): Promise<{ name: string; holder: string }[]> {
    const r = await this.db.query<{ name: string; holder: string }>('list leases',
      `SELECT name, holder FROM leases WHERE name LIKE $1 AND lease_until >= clock_timestamp() ORDER BY name`, [`${prefix.replace(/[\\%_]/g, '\\$&')}%`]);
    return r.rows;
  }
}
