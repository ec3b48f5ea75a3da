/**
 * A pressed inline-keyboard button (a callback_query update): its data goes to the shared handler;
 * a refused button (expired, forged) is answered in the query's own little alert; a page turn
 * edits the message the button was on; everything else is sent as new messages to the chat.
 * Every query is answered with answerCallbackQuery (the user's app shows a spinner until then),
 * early when the answer takes a while. No telegraf here: updates are plain data.
 * https://core.telegram.org/bots/api#callbackquery · https://core.telegram.org/bots/api#answercallbackquery
 */
import type { CallbackQuery } from 'telegraf/types';
import type { CommandHandler, CommandRequest, Reply } from '../commands/types.js';
import type { Logger } from '../../log.js';
import { replyMessages } from './reply-messages.js';
import type { TelegramMessage } from './telegram-message.js';

/** Telegram keeps a query answerable for a short while only: answer without text after this if the reply is not ready. */
const ANSWER_WITHIN_MS = 5_000;
/** answerCallbackQuery text: at most 200 characters. */
const ANSWER_TEXT_MAX = 200;

export interface CallbackDeps {
  handler: CommandHandler;
  log: Logger;
  clock: () => Date;
  /** answerCallbackQuery; `text` shows as an alert. */
  answer(queryId: string, text?: string): Promise<void>;
  /** Queues new messages to the chat (the same path as command replies). */
  reply(chatId: string, messages: readonly TelegramMessage[]): void;
  /** Queues an editMessageText of the message the button was on; resolves whether it was edited. */
  edit(chatId: string, messageId: number, message: TelegramMessage): Promise<boolean>;
}

const errorText = (reply: Reply): string | null => (reply.kind === 'error' ? reply.text.slice(0, ANSWER_TEXT_MAX) : null);

export async function onCallbackQuery(q: CallbackQuery, d: CallbackDeps): Promise<void> {
  let answered = false;
  const answer = async (text?: string): Promise<void> => {
    if (answered) return;
    answered = true;
    await d.answer(q.id, text).catch((err: unknown) => d.log.warn('Telegram: could not answer a button press (answerCallbackQuery)', { err }));
  };
  const message = q.message;
  const data = 'data' in q ? q.data : undefined;
  if (!message || data === undefined) return answer();
  const chat = message.chat;
  const chatId = String(chat.id);
  const req: CommandRequest = {
    platform: 'telegram', chatId, scope: chatId, chatType: chat.type === 'private' ? 'private' : 'group',
    // Buttons never run admin commands: nothing a press does needs the right.
    userId: String(q.from.id), isAdmin: false, command: 'button', args: [], now: d.clock(),
    ...(q.from.language_code ? { locale: q.from.language_code } : {}),
    press: data,
  };
  const early = setTimeout(() => void answer(), ANSWER_WITHIN_MS);
  let reply: Reply;
  try {
    reply = await d.handler(req);
  } finally {
    clearTimeout(early);
  }
  const refused = errorText(reply);
  if (refused !== null && !answered) return answer(refused);
  await answer();
  const messages = replyMessages(reply);
  const [first, ...rest] = messages;
  if (first && reply.kind === 'text' && reply.replace && 'text' in message) {
    // In the background, like every reply: the update is handled once its answer is queued.
    void d.edit(chatId, message.message_id, first).then((edited) => {
      if (edited) {
        if (rest.length > 0) d.reply(chatId, rest);
        return;
      }
      // The page could not be edited (deleted, too old): send it as a new message instead.
      d.log.warn('Telegram: could not edit the page; sending it anew', { chat: chatId });
      d.reply(chatId, messages);
    });
    return;
  }
  d.reply(chatId, messages);
}
