/**
 * Command replies on their way out: through the same per-platform queue as scheduled digests
 * (queue.ts), by the same rules for 429s, moved and unreachable chats (send-through.ts). A reply
 * is queued and sent in the background, so a chat waiting for its per-chat window never holds up
 * the handling of other chats' commands. The replies of one chat go in order, each reply's
 * messages together; a chat with too many reply messages already waiting has further replies
 * dropped (logged), which bounds memory and how stale an answer can get.
 */
import type { Logger } from '../log.js';
import { createKeyedSerial } from './keyed-serial.js';
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import type { SendQueue } from './queue.js';
import { sendThrough } from './send-through.js';
import type { SendPolicy } from './send-through.js';

/**
 * Replies are retried briefly: an answer that comes minutes late is worth less than the chat's
 * next digest. A 429 longer than 30 s gives the reply up (the chat stays held for the wait).
 */
export const REPLY_POLICY = {
  maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000, maxRateLimitWaits: 2, maxRateLimitWaitMs: 30_000,
} as const satisfies SendPolicy;

/** Reply messages one chat may have waiting before further replies are dropped. */
export const MAX_WAITING_REPLY_MESSAGES = 10;

/** What the outbox tells the core about a chat (the platform id is bound by the caller). */
export interface ChatReports {
  pause(chatId: string, reason: string, now: Date): Promise<void>;
  migrate(from: string, to: string, now: Date): Promise<void>;
}

/** Sends one rendered message; throws a DeliveryError (sender.ts) on failure. */
export type SendOne<M> = (chatId: string, message: M) => Promise<void>;

export interface OutboxOptions<M> {
  queue: SendQueue;
  /** The platform client's send (scheduled digests use the same one). */
  send: SendOne<M>;
  reports: ChatReports;
  log: Logger;
  /** Backoff waits (default the real clock). */
  clock?: Clock;
  /** The time reports carry (default the clock's). */
  now?: () => Date;
  policy?: SendPolicy;
  random?: () => number;
  maxWaitingPerChat?: number;
}

/** How a reply ended; `chatId` is where it ended up (after a migration). */
export type ReplyOutcome =
  | { ok: true; chatId: string; sent: number }
  | { ok: false; chatId: string; sent: number; reason: 'paused' | 'failed' | 'interrupted' | 'dropped' };

/** The outgoing side of one platform's command replies. */
export interface Outbox<M> {
  /**
   * Queues the messages of one reply and resolves once they were sent or given up; never rejects.
   * `send` replaces the client's send for this reply (a Discord interaction answers through its own token).
   */
  reply(chatId: string, messages: readonly M[], send?: SendOne<M>): Promise<ReplyOutcome>;
  /** Replies queued or being sent. */
  readonly pending: number;
  /** Resolves once no reply is queued or being sent (tests, shutdown). */
  idle(): Promise<void>;
  /** Ends backoff waits at once; with the queue closed, waiting replies end 'interrupted'. */
  close(): void;
}

export function createOutbox<M>(o: OutboxOptions<M>): Outbox<M> {
  const clock = o.clock ?? realClock;
  const max = o.maxWaitingPerChat ?? MAX_WAITING_REPLY_MESSAGES;
  const serial = createKeyedSerial();
  const backlog = new Map<string, number>();
  const closed = new AbortController();
  let pending = 0;
  const idlers: (() => void)[] = [];
  const through = {
    queue: o.queue, policy: o.policy ?? REPLY_POLICY, log: o.log, random: o.random ?? Math.random,
    stopping: () => closed.signal.aborted || o.queue.isClosed,
    pause: async (ms: number) => {
      await clock.sleep(ms, closed.signal);
      return !closed.signal.aborted;
    },
  };
  const now = o.now ?? (() => clock.now());
  const hooks = {
    migrated: (from: string, to: string) => o.reports.migrate(from, to, now()),
    unreachable: (chatId: string, reason: string) => o.reports.pause(chatId, reason, now()),
  };
  /** `n` of the chat's waiting messages left the backlog (sent, or given up). */
  const unqueue = (chatId: string, n: number): void => {
    const left = (backlog.get(chatId) ?? 0) - n;
    if (left > 0) backlog.set(chatId, left);
    else backlog.delete(chatId);
  };

  async function deliver(chatId: string, messages: readonly M[], send: SendOne<M>): Promise<ReplyOutcome> {
    let target = chatId;
    let sent = 0;
    try {
      for (const message of messages) {
        const r = await sendThrough(through, send, target, message, hooks);
        target = r.chatId;
        if (!r.ok) {
          if (r.outcome !== 'interrupted') o.log.error('reply not sent', { chat: target, sent, of: messages.length, error: r.error });
          return { ok: false, chatId: target, sent, reason: r.outcome };
        }
        sent++;
        unqueue(chatId, 1);
      }
      return { ok: true, chatId: target, sent };
    } catch (err) {
      // A report (pause, migrate) failed to store: the reply ends here, logged once.
      o.log.error('reply not sent', { chat: target, sent, of: messages.length, err });
      return { ok: false, chatId: target, sent, reason: 'failed' };
    } finally {
      unqueue(chatId, messages.length - sent);
      if (--pending === 0) for (const done of idlers.splice(0)) done();
    }
  }

  return {
    reply(chatId, messages, send = o.send) {
      if (messages.length === 0) return Promise.resolve({ ok: true, chatId, sent: 0 });
      const waiting = backlog.get(chatId) ?? 0;
      if (waiting > 0 && waiting + messages.length > max) {
        o.log.warn('reply dropped: the chat has too many replies waiting', { chat: chatId, waiting, messages: messages.length });
        return Promise.resolve({ ok: false, chatId, sent: 0, reason: 'dropped' });
      }
      backlog.set(chatId, waiting + messages.length);
      pending++;
      return serial(chatId, () => deliver(chatId, messages, send));
    },
    get pending() {
      return pending;
    },
    async idle() {
      // A settled reply may queue a follow-on one (a page that could not be edited is sent anew): look again after a turn.
      do {
        if (pending > 0) await new Promise<void>((resolve) => idlers.push(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      } while (pending > 0);
    },
    close() {
      closed.abort();
    },
  };
}
