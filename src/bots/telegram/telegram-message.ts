/**
 * One Telegram message as newsbot sends it, and the one call that sends it.
 * https://core.telegram.org/bots/api#sendmessage
 */
import type { Telegram } from 'telegraf';
import type { TelegramMessage } from './render.js';
import { sendDocument } from './telegram-files.js';

/** A rendered message: HTML (Telegram's subset, ≤ 4,096 visible characters) and the one link to preview, if any. */
export type { TelegramMessage };

/** Sends one message to one chat; rejects with telegraf's error as is (callers classify it). */
export type SendMessage = (chatId: string, message: TelegramMessage) => Promise<void>;

/** `link_preview_options` for a message: the chosen URL, or none at all. */
export function linkPreviewOptions(message: TelegramMessage): { is_disabled: true } | { url: string } {
  return message.previewUrl ? { url: message.previewUrl } : { is_disabled: true };
}

export function createSendMessage(telegram: Telegram): SendMessage {
  return async (chatId, message) => {
    if (message.document) return sendDocument(telegram, chatId, message.document);
    await telegram.callApi('sendMessage', {
      chat_id: chatId,
      text: message.html,
      parse_mode: 'HTML',
      link_preview_options: linkPreviewOptions(message),
    });
  };
}
