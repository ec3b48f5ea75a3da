/**
 * Sends one message through the platform's outgoing queue and follows what the platform answered.
 * The one place for these rules, used by scheduled digests (delivery.ts) and command replies
 * (outbox.ts) alike:
 * - rate limited (Telegram 429 `retry_after`, a long Discord 429): the queue holds the chat for the
 *   wait (nothing else is sent to it meanwhile, digest or reply), then the send is tried again;
 * - the chat moved (Telegram `migrate_to_chat_id`, a group upgraded to a supergroup): reported,
 *   and the send goes on at the new id;
 * - unreachable (403 blocked or kicked, 400 chat not found, Discord Missing Access): reported
 *   (the chat's subscription is paused) and the send stops;
 * - transient (5xx, network): backoff with jitter, then tried again.
 * Each kind of retry is bounded by the caller's policy.
 */
import type { Logger } from '../log.js';
import { backoffMs } from './backoff.js';
import type { RetryPolicy } from './backoff.js';
import type { SendQueue } from './queue.js';
import { DeliveryError } from './sender.js';

/** A retry policy, plus the longest single 429 wait worth honouring. */
export interface SendPolicy extends RetryPolicy {
  /** A 429 asking for longer gives up at once (the chat stays held by the queue for the wait). Default: no bound. */
  maxRateLimitWaitMs?: number;
}

/** What the caller does when the platform says something about the chat. */
export interface SendHooks {
  /** The chat changed id (`from` → `to`); the send continues at `to` once this resolves. */
  migrated(from: string, to: string): Promise<void>;
  /** The chat will not take messages (the reason as /status shows it); the send stops after this. */
  unreachable(chatId: string, reason: string): Promise<void>;
  /** A try failed and another may follow (a delivery counts its attempts in its record). */
  failedTry?(error: DeliveryError): Promise<void>;
}

/** What sendThrough works with. */
export interface SendThroughDeps {
  queue: SendQueue;
  policy: SendPolicy;
  log: Logger;
  random(): number;
  /** Sleeps a backoff; false when shutting down (the send stops, 'interrupted'). */
  pause(ms: number): Promise<boolean>;
  /** True while shutting down. */
  stopping?(): boolean;
}

/** How one send ended; `chatId` is where it ended up (after a migration). */
export type SendResult =
  | { ok: true; chatId: string }
  | { ok: false; chatId: string; outcome: 'paused' | 'failed' | 'interrupted'; error: string };

/** Migrations followed for one message at most (a chain of them would be a platform bug). */
const MAX_MOVES = 3;

const asDeliveryError = (err: unknown): DeliveryError =>
  err instanceof DeliveryError ? err : new DeliveryError('transient', err instanceof Error ? err.message : String(err), null, null, { cause: err });

/** Sends `message` to `chatId` with `send` (which throws DeliveryError), through the queue, by the rules above. Never throws for a send failure. */
export async function sendThrough<M>(
  d: SendThroughDeps,
  send: (chatId: string, message: M) => Promise<void>,
  chatId: string,
  message: M,
  hooks: SendHooks,
): Promise<SendResult> {
  let target = chatId;
  let failures = 0;
  let rateWaits = 0;
  let moves = 0;
  const stop = (outcome: 'paused' | 'failed' | 'interrupted', error: string): SendResult => ({ ok: false, chatId: target, outcome, error });
  for (;;) {
    if (d.stopping?.()) return stop('interrupted', 'shutting down');
    const permit = await d.queue.acquire(target);
    if (!permit) return stop('interrupted', 'shutting down');
    let e: DeliveryError;
    try {
      await send(target, message);
      d.queue.release(permit);
      return { ok: true, chatId: target };
    } catch (err) {
      d.queue.release(permit);
      e = asDeliveryError(err);
    }
    if (e.migratedTo !== null && e.migratedTo !== target && moves < MAX_MOVES) {
      moves++;
      const from = target;
      target = e.migratedTo;
      d.log.info('chat migrated; sending there', { from, to: target });
      await hooks.migrated(from, target);
      continue;
    }
    if (e.kind === 'permanent') {
      d.log.warn('chat unreachable; pausing its subscription', { chat: target, reason: e.message });
      await hooks.unreachable(target, e.message);
      return stop('paused', e.message);
    }
    await hooks.failedTry?.(e);
    if (e.kind === 'rate-limited') {
      const wait = e.retryAfterMs ?? 1000;
      d.queue.retryAfter(target, wait);
      if (++rateWaits > d.policy.maxRateLimitWaits) return stop('failed', `still rate limited after ${rateWaits - 1} waits: ${e.message}`);
      if (wait > (d.policy.maxRateLimitWaitMs ?? Infinity)) return stop('failed', `rate limited for ${Math.ceil(wait / 1000)} s, longer than worth waiting: ${e.message}`);
      d.log.warn('rate limited; the chat waits', { chat: target, retryAfterMs: wait });
      continue;
    }
    if (++failures >= d.policy.maxAttempts) return stop('failed', `gave up after ${failures} attempts: ${e.message}`);
    const delay = backoffMs(failures, d.policy, d.random);
    d.log.warn('send failed, retrying', { chat: target, attempt: failures, delayMs: delay, error: e.message });
    if (!(await d.pause(delay))) return stop('interrupted', 'shutting down');
  }
}
