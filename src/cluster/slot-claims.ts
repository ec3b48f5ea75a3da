/**
 * Delivery slots shared by several instances. Every instance schedules every due slot (inserting
 * its 'pending' record only if absent), but only the one that claims a slot delivers it: the claim
 * sets `claimed_by` and `lease_until` on the record's row, the claimer renews the lease while it
 * sends, and clears it when done. A slot whose claimer died (lease expired), or that nobody claimed
 * a minute after it was due, is an orphan: any instance may claim it and resume it from its record
 * (messagesSent), so at most the one message in flight at the death is sent again.
 */
import type { DeliveryRecord } from '../model.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import { assertRecord, checkDelivery } from '../store/schema.js';
import type { SlotClaims } from '../scheduler/slot-claims.js';

/** Lease lengths (ms). */
export interface SlotLeaseTimes {
  /** A claim lasts this long without renewal (default 20 s; renewed every third of it). */
  ttlMs: number;
  /** A pending slot nobody claimed this long after it was due counts as an orphan (default 60 s). */
  unclaimedMs: number;
}

export const SLOT_LEASES = { ttlMs: 20_000, unclaimedMs: 60_000 } as const satisfies SlotLeaseTimes;

/** Slot claims for instance `holder`, with a renewal timer for the slots it holds. */
export class PgSlotClaims implements SlotClaims {
  private readonly held = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly db: PostgresStore, private readonly holder: string, private readonly times: SlotLeaseTimes = SLOT_LEASES, onError: (err: unknown) => void = () => undefined) {
    this.timer = setInterval(() => void this.renew().catch(onError), Math.max(200, times.ttlMs / 3));
    this.timer.unref();
  }

  async insertNew(records: DeliveryRecord[]): Promise<void> {
    for (const r of records) assertRecord('delivery record', checkDelivery, r, 'key');
    if (records.length === 0) return;
    await this.db.query('store new delivery records',
      `INSERT INTO deliveries (key, subscription_id, slot, status, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[]) ON CONFLICT (key) DO NOTHING`,
      [records.map((r) => r.key), records.map((r) => r.subscriptionId), records.map((r) => r.slot), records.map((r) => r.status), records.map((r) => JSON.stringify(r))]);
  }

  async claim(key: string): Promise<boolean> {
    const r = await this.db.query('claim a delivery slot',
      `UPDATE deliveries SET claimed_by = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE key = $1 AND status IN ('pending', 'sending')
         AND (claimed_by IS NULL OR claimed_by = $2 OR lease_until < clock_timestamp())
       RETURNING key`, [key, this.holder, this.times.ttlMs]);
    const ok = (r.rowCount ?? 0) > 0;
    if (ok) this.held.add(key);
    return ok;
  }

  async release(key: string): Promise<void> {
    this.held.delete(key);
    await this.db.query('release a delivery slot', 'UPDATE deliveries SET claimed_by = NULL, lease_until = NULL WHERE key = $1 AND claimed_by = $2', [key, this.holder]);
  }

  async orphans(limit = 500): Promise<{ subscriptionId: string; slot: Date }[]> {
    const r = await this.db.query<{ subscription_id: string; slot: Date }>('find orphaned delivery slots',
      `SELECT subscription_id, slot FROM deliveries
       WHERE status IN ('pending', 'sending')
         AND (lease_until < clock_timestamp() OR (claimed_by IS NULL AND slot < clock_timestamp() - $1 * interval '1 millisecond'))
       ORDER BY slot LIMIT $2`, [this.times.unclaimedMs, limit]);
    return r.rows.map((row) => ({ subscriptionId: row.subscription_id, slot: row.slot }));
  }

  /** Extends the lease of every slot this instance holds. */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    await this.db.query('renew delivery slot leases',
      `UPDATE deliveries SET lease_until = clock_timestamp() + $3 * interval '1 millisecond' WHERE key = ANY($1::text[]) AND claimed_by = $2`,
      [[...this.held], this.holder, this.times.ttlMs]);
  }

  /** Stops renewing (the leases run out unless released). */
  stop(): void {
    clearInterval(this.timer);
  }
}
