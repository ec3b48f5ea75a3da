/**
 * A page turned with a button (editMessageText) goes out through the outgoing queue like any
 * message, so it keeps the chat's limits and waits out a 429 with the chat's other messages.
 * Any other failure (the message was deleted, is too old to edit) is not retried: the caller
 * sends the page anew instead.
 */
import type { Outbox } from '../../scheduler/outbox.js';
import { toDeliveryError } from './errors.js';
import type { TelegramMessage } from './telegram-message.js';

/** Edits message `messageId` of `chatId` through `outbox`; resolves whether it was edited. Never rejects. */
export async function queuedEdit(
  outbox: Outbox<TelegramMessage>,
  edit: (chatId: string, messageId: number, message: TelegramMessage) => Promise<void>,
  token: string,
  chatId: string,
  messageId: number,
  message: TelegramMessage,
): Promise<boolean> {
  let failed = false;
  const outcome = await outbox.reply(chatId, [message], async (target, m) => {
    try {
      await edit(target, messageId, m);
    } catch (err) {
      const e = toDeliveryError(err, token);
      // Waits and moves are the queue's; anything else ends the edit here.
      if (e.kind === 'rate-limited' || e.migratedTo !== null) throw e;
      failed = true;
    }
  });
  return outcome.ok && !failed;
}
