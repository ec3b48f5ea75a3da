/**
 * One incoming Telegram update → what newsbot does about it: a command becomes a CommandRequest
 * for the shared handler and its Reply is queued to be sent back; a group upgraded to a supergroup and a bot
 * removed from a chat are reported as chat events. No telegraf here: updates are plain data.
 * https://core.telegram.org/bots/api#update
 */
import type { Update } from 'telegraf/types';
import { findCommand } from '../commands/catalog.js';
import type { Attachment, ChatEvents, CommandHandler, CommandRequest } from '../commands/types.js';
import type { Logger } from '../../log.js';
import type { AdminCheck } from './admin-check.js';
import { parseCommand } from './parse-command.js';
import { replyMessages } from './reply-messages.js';
import type { TelegramMessage } from './telegram-message.js';
import { onCallbackQuery } from './callback-query.js';
import type { CallbackDeps } from './callback-query.js';

export interface UpdateDeps {
  /** Our username, without `@` (from getMe): commands addressed to other bots are ignored. */
  botUsername: string;
  handler: CommandHandler;
  events: ChatEvents;
  isAdmin: AdminCheck;
  /** Queues a reply in the outgoing queue; it is sent in the background (the update is handled once it is queued). */
  reply: (chatId: string, messages: readonly TelegramMessage[]) => void;
  log: Logger;
  clock: () => Date;
  /** Downloads a document a user sent (getFile), as text. */
  download?: (fileId: string, maxBytes: number) => Promise<string>;
  /** Answers button presses (answerCallbackQuery) and turns pages (editMessageText). */
  buttons: Pick<CallbackDeps, 'answer' | 'edit'>;
}

interface DocumentLike { file_id: string; file_name?: string; file_size?: number }

/**
 * The command text of a message and the document it carries: a text command (alone, or replying to
 * a message with a document, e.g. "/feeds import"), or a document whose caption is the command.
 */
function commandParts(msg: object): { text: string; entities?: { type: string; offset: number; length: number }[]; document?: DocumentLike } | null {
  const m = msg as { text?: string; entities?: []; caption?: string; caption_entities?: []; document?: DocumentLike; reply_to_message?: { document?: DocumentLike } };
  if (typeof m.text === 'string') return { text: m.text, ...(m.entities ? { entities: m.entities } : {}), ...(m.reply_to_message?.document ? { document: m.reply_to_message.document } : {}) };
  if (typeof m.caption === 'string' && m.document) return { text: m.caption, ...(m.caption_entities ? { entities: m.caption_entities } : {}), document: m.document };
  return null;
}

export function createUpdateHandler(d: UpdateDeps): (update: Update) => Promise<void> {
  // A group's upgrade arrives twice (migrate_to_chat_id in the old chat, migrate_from_chat_id in the new one).
  const migrated = new Set<string>();
  const migrate = async (from: number, to: number): Promise<void> => {
    const key = `${from}>${to}`;
    if (migrated.has(key)) return;
    migrated.add(key);
    d.log.info('Telegram: group upgraded to a supergroup', { from, to });
    await d.events.migrate('telegram', String(from), String(to), d.clock());
  };

  return async (update) => {
    if ('callback_query' in update) return onCallbackQuery(update.callback_query, { ...d.buttons, handler: d.handler, log: d.log, clock: d.clock, reply: d.reply });
    if ('my_chat_member' in update) {
      const m = update.my_chat_member;
      if (m.new_chat_member.status === 'kicked' || m.new_chat_member.status === 'left') {
        await d.events.pause('telegram', String(m.chat.id), `Telegram: the bot was removed from the chat (${m.new_chat_member.status})`, d.clock());
      }
      return;
    }
    if (!('message' in update)) return;
    const msg = update.message;
    if ('migrate_to_chat_id' in msg) return migrate(msg.chat.id, msg.migrate_to_chat_id);
    if ('migrate_from_chat_id' in msg) return migrate(msg.migrate_from_chat_id, msg.chat.id);
    const parts = commandParts(msg);
    if (!parts) return;

    const chatType = msg.chat.type === 'private' ? 'private' : msg.chat.type === 'group' || msg.chat.type === 'supergroup' ? 'group' : null;
    if (!chatType || !msg.from) return;
    const parsed = parseCommand(parts, d.botUsername);
    if (parsed.kind !== 'command') return;

    const chatId = String(msg.chat.id);
    const spec = findCommand(parsed.command);
    const isAdmin = await d.isAdmin({
      chatId, chatType, userId: msg.from.id, ask: spec?.admin === true,
      ...(msg.sender_chat ? { senderChatId: msg.sender_chat.id } : {}),
    });
    const req: CommandRequest = {
      platform: 'telegram', chatId, scope: chatId, chatType, userId: String(msg.from.id), isAdmin,
      command: parsed.command, args: parsed.args, now: d.clock(),
      // The user's Telegram app language (IETF tag, e.g. "de", "fa"), when Telegram sends it.
      ...(msg.from.language_code ? { locale: msg.from.language_code } : {}),
      ...(parts.document && d.download ? { attachment: attachmentOf(parts.document, d.download) } : {}),
    };
    d.log.debug('Telegram: command', { chat: chatId, command: req.command, args: req.args.length, isAdmin });
    const reply = await d.handler(req);
    d.reply(chatId, replyMessages(reply));
  };
}

function attachmentOf(doc: DocumentLike, download: NonNullable<UpdateDeps['download']>): Attachment {
  return { name: doc.file_name ?? 'file', size: doc.file_size ?? null, read: (maxBytes) => download(doc.file_id, maxBytes) };
}
