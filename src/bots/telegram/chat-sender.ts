import type { ChatSender } from '../../scheduler/sender.js';
import { renderTelegramMessages } from './render.js';
import { toDeliveryError } from './errors.js';
import { TELEGRAM_LIMITS } from './limits.js';
import type { SendMessage, TelegramMessage } from './telegram-message.js';

/**
 * The Deliver port for scheduled digests: renders with the shared Telegram renderer (split at
 * story boundaries, escaped, one preview per message) and sends one message, throwing a
 * DeliveryError the queue understands. It does not retry: the queue owns waits and retries.
 */
export function createTelegramSender(send: SendMessage, token: string): ChatSender<TelegramMessage> {
  return {
    platform: 'telegram',
    limits: TELEGRAM_LIMITS,
    render: (digest, emptyText) => renderTelegramMessages(digest, { emptyText }),
    async send(chatId, message) {
      try {
        await send(chatId, message);
      } catch (err) {
        throw toDeliveryError(err, token);
      }
    },
  };
}
