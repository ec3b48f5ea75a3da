/**
 * What to do on start for one subscription: slots missed while the service was down, and
 * records a crash left unfinished. Records are written in slot order while running, so walking
 * back from now, the first finished record marks where the subscription was up to.
 */
import type { DeliveryRecord, Subscription } from '../model.js';
import type { Store } from '../store/store.js';
import { slotsBetween } from './schedule.js';
import { deliveryKey, isTerminal } from './records.js';

/** How far back a start looks for missed slots: older ones are neither sent nor recorded. */
export const CATCH_UP_LOOKBACK_HOURS = 7 * 24;

/**
 * A settings change (updatedAt) closes the gap before it: slots between the last record and a
 * resume/subscribe were not due then (paused or unsubscribed). The margin leaves room for the
 * tick that records a slot to run after it (ticks are once a minute).
 */
const SETTINGS_MARGIN_MS = 2 * 60_000;
const HOUR = 3_600_000;

/** The start-up plan of one subscription. */
export interface CatchUpPlan {
  /** Unfinished records (pending / sending), oldest first: resumed whatever their age. */
  resume: Date[];
  /** Missed slots younger than the grace period, oldest first: delivered now. */
  deliver: Date[];
  /** Missed slots older than the grace period, oldest first: recorded as 'skipped'. */
  skip: Date[];
  /** The newest finished record, if found (to repair lastDigestAt after a crash). */
  lastFinished: DeliveryRecord | null;
}

/** Plans catch-up for an active, unpaused subscription at `now`. */
export async function planCatchUp(store: Store, sub: Subscription, now: Date, graceHours: number): Promise<CatchUpPlan> {
  const plan: CatchUpPlan = { resume: [], deliver: [], skip: [], lastFinished: null };
  const t = now.getTime();
  const oldest = Math.max(t - CATCH_UP_LOOKBACK_HOURS * HOUR, Date.parse(sub.createdAt) - 1);
  const settled = Math.max(Date.parse(sub.createdAt), Date.parse(sub.updatedAt) - SETTINGS_MARGIN_MS);
  // Walk back a day at a time: after a normal restart the first day already holds a finished record.
  let hi = t;
  walk: while (hi > oldest) {
    const lo = Math.max(oldest, hi - 24 * HOUR);
    const slots = slotsBetween(sub, new Date(lo), new Date(hi));
    for (let i = slots.length - 1; i >= 0; i--) {
      const slot = slots[i] as Date;
      const rec = await store.getDelivery(deliveryKey(sub.id, slot));
      if (rec && isTerminal(rec.status)) {
        plan.lastFinished = rec;
        break walk;
      }
      if (rec) plan.resume.push(slot);
      else if (slot.getTime() >= settled) (t - slot.getTime() <= graceHours * HOUR ? plan.deliver : plan.skip).push(slot);
    }
    hi = lo;
  }
  plan.resume.reverse();
  plan.deliver.reverse();
  plan.skip.reverse();
  return plan;
}
