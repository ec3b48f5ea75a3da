import type { Button, Reply } from '../commands/types.js';
import { renderTelegramMessages, renderTelegramText } from './render.js';
import type { TelegramMessage } from './telegram-message.js';
import { sanitizeInline } from '../../digest/render/sanitize.js';

/**
 * Turns a command's Reply into Telegram messages, through the shared renderer (which escapes,
 * bolds the title and splits long answers): 'text' → its lines, 'error' → the text and the
 * usage line, 'digest' → the digest's messages, 'none' → nothing. Replies carry no link preview.
 */
export function replyMessages(reply: Reply): TelegramMessage[] {
  switch (reply.kind) {
    case 'digest':
      return renderTelegramMessages(reply.digest, {
        emptyText: reply.emptyText, ...(reply.buttons ? { buttons: reply.buttons } : {}), ...(reply.firstNumber ? { firstNumber: reply.firstNumber } : {}),
      });
    case 'error':
      return plain(renderTelegramText(undefined, reply.usage ? [reply.text, `${reply.usageLabel ?? 'Usage:'} ${reply.usage}`] : [reply.text]));
    case 'text':
      return withButtons(plain(renderTelegramText(reply.title, reply.lines)), reply.buttons);
    case 'file':
      return [{ html: '', previewUrl: null, document: { name: reply.name, content: reply.content, caption: sanitizeInline(reply.caption) } }];
    case 'none':
      return [];
  }
}

function plain(html: string[]): TelegramMessage[] {
  return html.map((h) => ({ html: h, previewUrl: null }));
}

/** The reply's buttons go under its last message. */
function withButtons(messages: TelegramMessage[], rows: Button[][] | undefined): TelegramMessage[] {
  const last = messages[messages.length - 1];
  if (last && rows && rows.length > 0) last.buttons = rows;
  return messages;
}
