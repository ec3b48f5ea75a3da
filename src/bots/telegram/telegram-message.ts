/**
 * One Telegram message as newsbot sends it, and the one call that sends it.
 * https://core.telegram.org/bots/api#sendmessage · https://core.telegram.org/bots/api#sendphoto
 */
import type { Telegram } from 'telegraf';
import type { TelegramMessage } from './render.js';
import { sendDocument } from './telegram-files.js';
import { apiError } from './errors.js';
import { replyMarkup } from './keyboard.js';

/** A rendered message: HTML (Telegram's subset, ≤ 4,096 visible characters) and the one link to preview, if any. */
export type { TelegramMessage };

/** Sends one message to one chat; rejects with telegraf's error as is (callers classify it). */
export type SendMessage = (chatId: string, message: TelegramMessage) => Promise<void>;

/** `link_preview_options` for a message: the chosen URL, or none at all. */
export function linkPreviewOptions(message: TelegramMessage): { is_disabled: true } | { url: string } {
  return message.previewUrl ? { url: message.previewUrl } : { is_disabled: true };
}

/** Telegram could not use a photo URL (it fetches it itself): the message then goes as text. */
export function photoRefused(err: unknown): boolean {
  const api = apiError(err);
  return api?.error_code === 400 && /wrong file identifier|wrong remote file|failed to get HTTP URL content|wrong type of the web page content|IMAGE_PROCESS_FAILED|PHOTO_INVALID/i.test(api.description);
}

/** Sends one message; `onPhotoRefused` hears of a picture sent as text instead. */
export function createSendMessage(telegram: Telegram, onPhotoRefused: (chatId: string, url: string) => void = () => undefined): SendMessage {
  return async (chatId, message) => {
    if (message.document) return sendDocument(telegram, chatId, message.document);
    const markup = replyMarkup(message.buttons);
    if (message.photo) {
      try {
        await telegram.callApi('sendPhoto', { chat_id: chatId, photo: message.photo, caption: message.html, parse_mode: 'HTML', ...markup });
        return;
      } catch (err) {
        if (!photoRefused(err)) throw err;
        onPhotoRefused(chatId, message.photo);
      }
    }
    await telegram.callApi('sendMessage', { chat_id: chatId, text: message.html, parse_mode: 'HTML', link_preview_options: linkPreviewOptions(message), ...markup });
  };
}

/** Replaces a text message the bot sent (a page turned with a button); "not modified" is not a failure. */
export async function editMessage(telegram: Telegram, chatId: string, messageId: number, message: TelegramMessage): Promise<void> {
  try {
    await telegram.callApi('editMessageText', {
      chat_id: chatId, message_id: messageId, text: message.html, parse_mode: 'HTML', link_preview_options: linkPreviewOptions(message),
      // No buttons clears the old ones.
      reply_markup: replyMarkup(message.buttons).reply_markup ?? { inline_keyboard: [] },
    });
  } catch (err) {
    if (!/message is not modified/i.test(apiError(err)?.description ?? '')) throw err;
  }
}
