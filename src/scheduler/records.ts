/** Delivery records: keys, fresh records, and the digest window of a slot. */
import type { DeliveryRecord, DeliveryStatus, Subscription } from '../model.js';

/** `${subscriptionId}@${slotISO}`: one record per scheduled slot of one subscription. */
export function deliveryKey(subscriptionId: string, slot: Date): string {
  return `${subscriptionId}@${slot.toISOString()}`;
}

/** Statuses after which a slot is never touched again. */
const TERMINAL: ReadonlySet<DeliveryStatus> = new Set(['sent', 'failed', 'skipped', 'paused']);

export function isTerminal(status: DeliveryStatus): boolean {
  return TERMINAL.has(status);
}

/** A record for a slot nobody has worked on yet. */
export function newRecord(subscriptionId: string, slot: Date, now: Date, status: DeliveryStatus = 'pending', error: string | null = null): DeliveryRecord {
  const at = now.toISOString();
  return {
    key: deliveryKey(subscriptionId, slot), subscriptionId, slot: slot.toISOString(), status,
    window: null, messagesSent: 0, totalMessages: null, attempts: 0, error, createdAt: at, updatedAt: at,
  };
}

/**
 * What the digest of `slot` covers: everything since the last delivered digest, at most
 * `maxWindowHours` back, up to the slot itself (later news goes to the next digest).
 */
export function windowFor(sub: Pick<Subscription, 'lastDigestAt'>, slot: Date, maxWindowHours: number): { from: string; to: string } {
  const to = slot.getTime();
  const cap = to - maxWindowHours * 3_600_000;
  const last = sub.lastDigestAt === null ? cap : Date.parse(sub.lastDigestAt);
  const from = Math.min(Math.max(last, cap), to);
  return { from: new Date(from).toISOString(), to: slot.toISOString() };
}

/**
 * The update that records a delivered window on the subscription (for Store.updateSubscription):
 * only ever moves lastDigestAt forward, and leaves updatedAt alone (it means "settings changed").
 */
export function advanceLastDigestAt(to: string): (current: Subscription | null) => Subscription | null {
  return (current) => (current && (current.lastDigestAt === null || current.lastDigestAt < to) ? { ...current, lastDigestAt: to } : null);
}
