/**
 * Sends an on-demand answer (a command's reply) to the chat that asked, following what Telegram
 * says: 429 → wait retry_after and try again (bounded); a group upgraded to a supergroup →
 * report the migration and send to the new id; blocked/kicked (403, chat gone) → pause the
 * chat's subscription with the reason and stop. Never throws: the outcome is returned.
 */
import type { ChatEvents } from '../commands/types.js';
import type { Logger } from '../../log.js';
import { toDeliveryError, pauseReason } from './errors.js';
import type { SendMessage, TelegramMessage } from './telegram-message.js';

export interface DeliverReplyDeps {
  send: SendMessage;
  events: ChatEvents;
  log: Logger;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  token: string;
  /** Tries per message on 429 (default 3). */
  maxAttempts?: number;
  /** Longest single wait honoured for a 429, in ms (default 30 s); a longer one gives up on the reply. */
  maxWaitMs?: number;
}

/** What happened: all sent, or stopped early with the reason. `chatId` is where it ended up (after a migration). */
export type ReplyOutcome =
  | { ok: true; chatId: string; sent: number }
  | { ok: false; chatId: string; sent: number; reason: 'paused' | 'rate-limited' | 'failed' };

export async function deliverReply(chatId: string, messages: readonly TelegramMessage[], d: DeliverReplyDeps): Promise<ReplyOutcome> {
  const maxAttempts = d.maxAttempts ?? 3;
  const maxWaitMs = d.maxWaitMs ?? 30_000;
  let target = chatId;
  let sent = 0;
  let migrated = false;
  for (const message of messages) {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        await d.send(target, message);
        sent += 1;
        break;
      } catch (err) {
        const e = toDeliveryError(err, d.token);
        if (e.migratedTo && !migrated) {
          // Telegram answers the old group id once the group became a supergroup: move and resend.
          migrated = true;
          d.log.info('Telegram: chat migrated to a supergroup', { from: target, to: e.migratedTo });
          await d.events.migrate('telegram', target, e.migratedTo, d.clock());
          target = e.migratedTo;
          continue;
        }
        if (e.kind === 'rate-limited' && attempts < maxAttempts && (e.retryAfterMs ?? 0) <= maxWaitMs) {
          d.log.warn('Telegram: rate limited; waiting before retrying the reply', { chat: target, waitMs: e.retryAfterMs });
          await d.sleep(e.retryAfterMs ?? 1000);
          continue;
        }
        if (e.kind === 'permanent' && !e.migratedTo) {
          const reason = pauseReason(err, d.token);
          d.log.warn('Telegram: chat unreachable; pausing its subscription', { chat: target, reason });
          await d.events.pause('telegram', target, reason, d.clock());
          return { ok: false, chatId: target, sent, reason: 'paused' };
        }
        d.log.error('Telegram: reply not sent', { chat: target, kind: e.kind, error: e.message });
        return { ok: false, chatId: target, sent, reason: e.kind === 'rate-limited' ? 'rate-limited' : 'failed' };
      }
    }
  }
  return { ok: true, chatId: target, sent };
}
