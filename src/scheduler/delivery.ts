/**
 * Delivers one scheduled slot of one subscription: late, never lost, never twice.
 *
 * The slot's DeliveryRecord is written before the first send (window, totalMessages) and after
 * every message (messagesSent), so a restart rebuilds the same window's digest and resumes at the
 * first unsent message. The one exception to "never twice": a message whose send reached the
 * platform but whose record update did not reach the disk (crash in between) is sent again on
 * resume; at most one message per slot, the one in flight at the crash.
 * Every outcome ends up in the record (sent / failed / paused / skipped, with the error) and in the log.
 * `attempts` counts starts (a resume after a restart is a new start) plus every retried send.
 */
import type { DeliveryRecord, DeliveryStatus, Platform, Subscription } from '../model.js';
import type { Digest } from '../digest/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { SendQueue } from './queue.js';
import type { ChatSender, DeliveryError } from './sender.js';
import { migrateSubscription } from './migrate.js';
import type { RetryPolicy } from './backoff.js';
import { sendThrough } from './send-through.js';
import { StopRequested, untilStored } from './until-stored.js';

export { DEFAULT_RETRY, backoffMs } from './backoff.js';
export type { RetryPolicy } from './backoff.js';
import { advanceLastDigestAt, deliveryKey, isTerminal, newRecord, windowFor } from './records.js';

/**
 * The digest of a subscription for a window, with the friendly text for an empty one; `record`,
 * when given, is called once the digest was sent (it adds its stories to the chat's history).
 */
export type BuildDigest = (sub: Subscription, window: { from: Date; to: Date }) => Promise<{ digest: Digest; emptyText: string; record?: () => Promise<void> }>;


/** What deliverSlot needs. `pause` sleeps but returns false early when the scheduler stops. */
export interface DeliverDeps {
  store: Store;
  senders: Partial<Record<Platform, ChatSender>>;
  queueFor(platform: Platform): SendQueue;
  buildDigest: BuildDigest;
  clock: Clock;
  log: Logger;
  maxWindowHours: number;
  retry: RetryPolicy;
  random(): number;
  pause(ms: number): Promise<boolean>;
  stopping(): boolean;
}

/** How a slot ended; 'interrupted' means shutdown, the record is left to be resumed on start. */
export type SlotOutcome = DeliveryStatus | 'interrupted';


const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Sends the digest of `slot` to `subscriptionId`, resuming its record if one exists. Every record
 * write is retried through a storage outage until it succeeds (the position is kept in memory).
 */
export async function deliverSlot(deps: DeliverDeps, subscriptionId: string, slot: Date): Promise<SlotOutcome> {
  try {
    return await deliverOnce(deps, subscriptionId, slot);
  } catch (err) {
    if (!(err instanceof StopRequested)) throw err;
    deps.log.info('delivery interrupted by shutdown while waiting for storage; resumes on next start', { subscription: subscriptionId, slot: slot.toISOString() });
    return 'interrupted';
  }
}

async function deliverOnce(deps: DeliverDeps, subscriptionId: string, slot: Date): Promise<SlotOutcome> {
  const { store, clock } = deps;
  let rec = (await store.getDelivery(deliveryKey(subscriptionId, slot))) ?? newRecord(subscriptionId, slot, clock.now());
  if (isTerminal(rec.status)) return rec.status;
  const log = deps.log.child({ subscription: subscriptionId, slot: rec.slot });
  const durably = <T>(what: string, write: () => Promise<T>): Promise<T> => untilStored({ ...deps, log }, what, write);
  const save = async (change: Partial<DeliveryRecord>): Promise<void> => {
    rec = { ...rec, ...change, updatedAt: clock.now().toISOString() };
    const record = rec;
    await durably(`delivery record (${record.status})`, () => store.putDelivery(record));
  };
  const finish = async (status: DeliveryStatus, error: string | null): Promise<SlotOutcome> => {
    await save({ status, error });
    const fields = { status, messagesSent: rec.messagesSent, totalMessages: rec.totalMessages, attempts: rec.attempts, ...(error ? { error } : {}) };
    if (status === 'sent' || status === 'skipped') log.info(`digest ${status}`, fields);
    else if (status === 'paused') log.warn('digest not delivered: subscription paused', fields);
    else log.error('digest delivery failed', fields);
    return status;
  };

  const found = await store.getSubscription(subscriptionId);
  if (!found || !found.active) return finish('skipped', found ? 'unsubscribed before the digest was sent' : 'subscription removed before the digest was sent');
  if (found.paused) return finish('paused', `subscription paused: ${found.paused.reason}`);
  let sub: Subscription = found;
  const sender = deps.senders[sub.platform];
  if (!sender) return finish('failed', `no ${sub.platform} connection to send with`);

  const window = rec.window ?? windowFor(sub, slot, deps.maxWindowHours);
  let messages: unknown[];
  let recordSent: (() => Promise<void>) | undefined;
  try {
    const built = await deps.buildDigest(sub, { from: new Date(window.from), to: new Date(window.to) });
    recordSent = built.record;
    messages = sender.render(built.digest, built.emptyText);
  } catch (err) {
    log.error('digest could not be built', { err });
    return finish('failed', `digest could not be built: ${errorText(err)}`);
  }
  if (rec.totalMessages !== null && rec.totalMessages !== messages.length) {
    // Articles that arrived late for the stored window can change the split; resume by position anyway.
    log.warn('resumed digest renders to a different number of messages', { before: rec.totalMessages, now: messages.length });
  }
  if (rec.messagesSent > 0) log.info('resuming digest', { messagesSent: rec.messagesSent, totalMessages: messages.length });
  await save({ status: 'sending', window, totalMessages: messages.length, attempts: rec.attempts + 1, error: null });

  const through = { queue: deps.queueFor(sub.platform), policy: deps.retry, log, random: deps.random, pause: deps.pause, stopping: deps.stopping };
  const hooks = {
    migrated: async (_from: string, to: string): Promise<void> => {
      sub = await migrateSubscription(store, sub, to, clock.now());
      // The slot continues under the new id; the old record points to it.
      const moved: DeliveryRecord = { ...rec, key: deliveryKey(sub.id, slot), subscriptionId: sub.id, updatedAt: clock.now().toISOString() };
      await durably('migrated delivery record', () => store.putDelivery(moved));
      await save({ status: 'skipped', error: `chat migrated; continued as ${moved.key}` });
      rec = moved;
    },
    unreachable: (_chatId: string, reason: string) => pauseSubscription(sub.id, reason),
    failedTry: (e: DeliveryError) => save({ attempts: rec.attempts + 1, error: e.message }),
  };
  for (let i = rec.messagesSent; i < messages.length; ) {
    const result = await sendThrough(through, (chatId, m: unknown) => sender.send(chatId, m), sub.chatId, messages[i], hooks);
    if (!result.ok) {
      if (result.outcome === 'interrupted') return interrupted();
      return finish(result.outcome, result.error);
    }
    i++;
    if (i < messages.length) await save({ messagesSent: i });
    else {
      rec = { ...rec, messagesSent: i };
      await finish('sent', null);
    }
  }
  if (rec.status !== 'sent') await finish('sent', null); // nothing left to send on resume
  await markDelivered(sub.id, window.to);
  // The history only decides what later digests leave out: a failure to write it costs at most a repeat.
  await recordSent?.().catch((err: unknown) => log.warn('digest history not recorded', { err }));
  return 'sent';

  function interrupted(): SlotOutcome {
    log.info('delivery interrupted by shutdown; resumes on next start', { messagesSent: rec.messagesSent });
    return 'interrupted';
  }

  async function pauseSubscription(id: string, reason: string): Promise<void> {
    const at = clock.now().toISOString();
    await durably('paused subscription', () => store.updateSubscription(id, (current) => (current ? { ...current, paused: { reason, at }, updatedAt: at } : null)));
  }

  async function markDelivered(id: string, to: string): Promise<void> {
    await durably('delivered window', () => store.updateSubscription(id, advanceLastDigestAt(to)));
  }
}
