/**
 * The shared send limit without Redis: the same sliding window in PostgreSQL (table send_window),
 * one short transaction per reservation under an advisory lock on the platform's key, on the
 * database's clock. Fine for tens of sends per second; Redis (NEWSBOT_REDIS_URL) is lighter.
 */
import { randomBytes } from 'node:crypto';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { SharedWindow } from '../scheduler/shared-window.js';

const IN_FLIGHT_MS = 10_000;
const MAX_WAIT_MS = 100;

export class PgWindow implements SharedWindow {
  constructor(
    private readonly db: PostgresStore,
    private readonly key: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async reserve(): Promise<{ token: string } | { token: null; waitMs: number }> {
    const token = randomBytes(8).toString('hex');
    try {
      const wait = await this.db.transaction('reserve a send', async (c) => {
        // The lock first, in its own statement: the next one's snapshot then sees every earlier reservation.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.key]);
        await c.query(`DELETE FROM send_window WHERE key = $1 AND at <= clock_timestamp() - $2 * interval '1 millisecond'`, [this.key, this.windowMs]);
        const live = await c.query<{ n: string; wait: number | null }>(
          `SELECT count(*) AS n, GREATEST(1, LEAST($2, ceil(extract(epoch FROM (min(at) + $3 * interval '1 millisecond' - clock_timestamp())) * 1000)))::int AS wait
           FROM send_window WHERE key = $1`, [this.key, MAX_WAIT_MS, this.windowMs]);
        const row = live.rows[0];
        if (row && Number(row.n) >= this.limit) return row.wait ?? MAX_WAIT_MS;
        await c.query(`INSERT INTO send_window (key, token, at) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')`, [this.key, token, IN_FLIGHT_MS]);
        return 0;
      });
      return wait === 0 ? { token } : { token: null, waitMs: wait };
    } catch (err) {
      this.onError(err);
      return { token };
    }
  }

  async done(token: string): Promise<void> {
    await this.db.query('finish a send', 'UPDATE send_window SET at = clock_timestamp() WHERE key = $1 AND token = $2', [this.key, token]).catch(this.onError);
  }
}
