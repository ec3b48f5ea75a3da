/**
 * One subscription's delivery state, as `/status` in a chat and `newsbot status` both show it:
 * its next run (none while unsubscribed or paused) and how its newest slot went.
 */
import type { DeliveryRecord, Subscription } from '../model.js';
import type { Store } from '../store/store.js';
import { nextRun } from './schedule.js';

/** Next run and newest slot record of one subscription. */
export interface DeliveryState {
  /** Next scheduled digest; null when unsubscribed, paused or without times. */
  next: Date | null;
  /** The newest slot's record (outcome and error), null before the first. */
  last: DeliveryRecord | null;
}

export async function deliveryState(store: Store, sub: Subscription, now: Date): Promise<DeliveryState> {
  const last = (await store.listDeliveries(sub.id, 1))[0] ?? null;
  return { next: sub.active && sub.paused === null ? nextRun(sub, now) : null, last };
}

/** "2025-06-02 08:00 CEST, failed (gave up after 5 attempts: Bad Gateway)", or null before the first slot. */
export function lastDeliveryText(last: DeliveryRecord | null, format: (d: Date) => string): string | null {
  return last ? `${format(new Date(last.slot))}, ${last.status}${last.error ? ` (${last.error})` : ''}` : null;
}
