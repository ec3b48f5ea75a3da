/** What /status and `newsbot status` show about delivery: per subscription and per feed. */
import type { DeliveryStatus, Platform } from '../model.js';
import type { Store } from '../store/store.js';
import { nextRun } from './schedule.js';

/** One subscription's delivery state. */
export interface SubscriptionStatus {
  id: string;
  platform: Platform;
  chatId: string;
  active: boolean;
  times: string[];
  weekdays: number[] | null;
  timezone: string;
  /** Next scheduled digest (ISO), null when unsubscribed, paused or without times. */
  nextRun: string | null;
  /** Why deliveries stopped (blocked, kicked, no access), and since when. */
  paused: { reason: string; at: string } | null;
  lastDigestAt: string | null;
  /** The newest slot's record: its outcome and error. */
  lastDelivery: { slot: string; status: DeliveryStatus; error: string | null; messagesSent: number; totalMessages: number | null } | null;
}

/** One feed's health. */
export interface FeedHealth {
  id: string;
  url: string;
  title: string | null;
  /** Consecutive failures (reset on success). */
  failures: number;
  disabled: boolean;
  lastError: string | null;
  lastOkAt: string | null;
  nextFetchAt: string | null;
}

/** Delivery and feed health at `now`. */
export interface DeliveryOverview {
  subscriptions: SubscriptionStatus[];
  feeds: FeedHealth[];
}

export async function statusOf(store: Store, now: Date): Promise<DeliveryOverview> {
  const [subs, feeds] = await Promise.all([store.listSubscriptions(), store.listFeeds()]);
  const subscriptions = await Promise.all(subs.map(async (s): Promise<SubscriptionStatus> => {
    const last = (await store.listDeliveries(s.id, 1))[0] ?? null;
    const next = s.active && s.paused === null ? nextRun(s, now) : null;
    return {
      id: s.id, platform: s.platform, chatId: s.chatId, active: s.active, times: s.times, weekdays: s.weekdays, timezone: s.timezone,
      nextRun: next?.toISOString() ?? null, paused: s.paused, lastDigestAt: s.lastDigestAt,
      lastDelivery: last ? { slot: last.slot, status: last.status, error: last.error, messagesSent: last.messagesSent, totalMessages: last.totalMessages } : null,
    };
  }));
  return {
    subscriptions,
    feeds: feeds.map((f) => ({
      id: f.id, url: f.url, title: f.title, failures: f.failures, disabled: f.disabled, lastError: f.lastError, lastOkAt: f.lastOkAt, nextFetchAt: f.nextFetchAt,
    })),
  };
}
