/**
 * The port through which several instances share delivery slots (implemented in
 * src/cluster/slot-claims.ts on PostgreSQL). Without it the scheduler owns every slot, as before.
 */
import type { DeliveryRecord } from '../model.js';

/** How the scheduler asks for slots in multi-instance mode. */
export interface SlotClaims {
  /** Writes the records of new slots, leaving any record that exists (another instance's) as it is. */
  insertNew(records: DeliveryRecord[]): Promise<void>;
  /** True when this instance now holds the slot (free, expired, or already ours and unfinished). */
  claim(key: string): Promise<boolean>;
  /** Done with the slot (finished or interrupted): its lease is cleared. */
  release(key: string): Promise<void>;
}
