/**
 * Starts the Telegram bot: checks the token (getMe), registers the command menu, then long-polls
 * or serves a webhook. The only file that builds a Telegraf instance.
 * https://core.telegram.org/bots/api#getting-updates
 */
import { createServer } from 'node:http';
import { LANGUAGES, translator } from '../../i18n/i18n.js';
import { downloadDocument } from './telegram-files.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Telegraf } from 'telegraf';
import type { TelegramConfig } from './config.js';
import type { Logger } from '../../log.js';
import type { ChatSender } from '../../scheduler/sender.js';
import type { LimitRule } from '../../scheduler/rate-limit.js';
import { realClock } from '../../scheduler/clock.js';
import { SendQueue } from '../../scheduler/queue.js';
import { platformOutbox } from '../platform.js';
import type { Outbox, SendOne } from '../../scheduler/outbox.js';
import { TELEGRAM_LIMITS } from './limits.js';
import { COMMANDS } from '../commands/catalog.js';
import type { ChatEvents, CommandHandler } from '../commands/types.js';
import { createAdminCheck } from './admin-check.js';
import { createTelegramSender } from './chat-sender.js';
import { startError, TelegramStartError } from './errors.js';
import { startLongPoll, UPDATES_IN_PARALLEL } from './long-poll.js';
import type { LongPoll } from './long-poll.js';
import type { PollCursor, PollGate } from '../../cluster/poll-leader.js';
import { createUpdateHandler } from './on-update.js';
import { scrubbedLogger } from './scrubbed-logger.js';
import { createSendMessage, editMessage } from './telegram-message.js';
import { queuedEdit } from './queued-edit.js';
import type { TelegramMessage } from './telegram-message.js';

export interface TelegramBotOptions {
  config: TelegramConfig;
  handler: CommandHandler;
  events: ChatEvents;
  /** NEWSBOT_ADMINS entries (`telegram:123`); others are ignored. */
  admins: readonly string[];
  log: Logger;
  clock?: () => Date;
  /** How polling back-off waits are slept; tests record them. (Send waits are the outgoing queue's.) */
  sleep?: (ms: number) => Promise<void>;
  /** getUpdates long-poll timeout in seconds (default 50). */
  pollTimeoutSeconds?: number;
  /** Interface the webhook server listens on (default all). */
  webhookHost?: string;
  /** Several instances: decides when this one long-polls (only one at a time may; src/cluster/poll-leader.ts). */
  pollGate?: PollGate;
  /**
   * The outbox command replies go through (the platform's one outgoing queue, shared with digests).
   * Default: an outbox on a queue of its own keeping `sendLimits`.
   */
  outbox?: (send: SendOne<TelegramMessage>) => Outbox<TelegramMessage>;
  /** Limits of the default outbox's queue (default Telegram's). */
  sendLimits?: readonly LimitRule[];
  /** Updates handled at once (default 10); in webhook mode also the max_connections Telegram may open. */
  updatesInParallel?: number;
}

/** A running bot. */
export interface TelegramBot {
  /** The Deliver port for scheduled digests. */
  sender: ChatSender<TelegramMessage>;
  botInfo: { id: number; username: string };
  /** Where the webhook server listens, in webhook mode; null when long polling. */
  webhook: { port: number; path: string } | null;
  /** Resolves once every queued reply was sent or given up. */
  idle(): Promise<void>;
  /** Stops polling (confirming handled updates) or closes the webhook server. */
  stop(): Promise<void>;
}

/** Bot API root as telegraf needs it: a root with a path must end in `/`, else its last segment is dropped. */
export function normaliseApiRoot(apiRoot: string): string {
  const u = new URL(apiRoot);
  return u.pathname === '/' || u.pathname.endsWith('/') ? apiRoot : `${apiRoot}/`;
}

/**
 * Resolves once the token was accepted and polling (or the webhook) has started. Rejects with a
 * TelegramStartError (one line, never the token) when the token is rejected or the API unreachable.
 */
export async function startTelegramBot(o: TelegramBotOptions): Promise<TelegramBot> {
  const { token, webhookUrl } = o.config;
  const log = scrubbedLogger(o.log, [token]).child({ platform: 'telegram' });
  const clock = o.clock ?? (() => new Date());
  const sleep = o.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const apiRoot = normaliseApiRoot(o.config.apiRoot);
  const bot = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });

  let me;
  try {
    me = await bot.telegram.getMe();
  } catch (err) {
    throw startError(err, token, o.config.apiRoot);
  }
  bot.botInfo = me;
  const botInfo = { id: me.id, username: me.username };

  try {
    await bot.telegram.setMyCommands(COMMANDS.map((c) => ({ command: c.name, description: c.description })));
    // The menu in each user's app language (Telegram picks it by the user's language_code).
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const t = translator(language);
      await bot.telegram.setMyCommands(COMMANDS.map((c) => ({ command: c.name, description: t.t(`cmd.${c.name}`).slice(0, 256) })), { language_code: language });
    }
  } catch (err) {
    log.warn('Telegram: could not register the command menu (setMyCommands); commands still work', { err });
  }

  const sender = createTelegramSender(createSendMessage(bot.telegram, (chat, url) => log.info('Telegram: the picture was refused; sent the story as text', { chat, url })), token);
  const send: SendOne<TelegramMessage> = (chatId, message) => sender.send(chatId, message);
  const outbox = o.outbox ? o.outbox(send) : platformOutbox('telegram', { queue: new SendQueue(o.sendLimits ?? TELEGRAM_LIMITS, realClock), send, events: o.events, log, now: clock });
  const inParallel = o.updatesInParallel ?? UPDATES_IN_PARALLEL;
  const onUpdate = createUpdateHandler({
    botUsername: me.username, handler: o.handler, events: o.events, log, clock,
    isAdmin: createAdminCheck({
      admins: o.admins, clock,
      memberStatus: async (chatId, userId) => (await bot.telegram.getChatMember(chatId, userId)).status,
      onError: (err, q) => log.warn('Telegram: getChatMember failed; treating the user as a non-admin', { chat: q.chatId, err }),
    }),
    reply: (chatId, messages) => void outbox.reply(chatId, messages),
    download: (fileId, maxBytes) => downloadDocument(bot.telegram, fileId, maxBytes),
    buttons: {
      answer: async (queryId, text) => void (await bot.telegram.answerCbQuery(queryId, text, text ? { show_alert: true } : {})),
      edit: (chatId, messageId, message) => queuedEdit(outbox, (c, id, m) => editMessage(bot.telegram, c, id, m), token, chatId, messageId, message),
    },
  });
  bot.use((ctx) => onUpdate(ctx.update));
  // Without this one failing update would stop polling (telegraf rethrows by default).
  bot.catch((err, ctx) => {
    log.error('Telegram: update failed', { update: ctx.update.update_id, chat: ctx.chat?.id, err });
  });

  let poll: LongPoll | null = null;
  let server: Server | null = null;
  let webhook: TelegramBot['webhook'] = null;
  try {
    if (webhookUrl) {
      const path = new URL(webhookUrl).pathname;
      const secretToken = randomBytes(24).toString('hex');
      const callback = bot.webhookCallback(path, { secretToken });
      // telegraf answers 403 to a wrong path or secret, and ends the response once the update was handled.
      server = createServer((req, res) => void callback(req, res));
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', (err: NodeJS.ErrnoException) => reject(new TelegramStartError(
          `Telegram: the webhook server could not listen on port ${o.config.webhookPort} (${err.code ?? err.message}); set TELEGRAM_WEBHOOK_PORT to a free port`)));
        s.listen(o.config.webhookPort, o.webhookHost, () => resolve());
      });
      s.on('error', (err) => log.error('Telegram: webhook server error', { err }));
      webhook = { port: (s.address() as AddressInfo).port, path };
      await bot.telegram.setWebhook(webhookUrl, { secret_token: secretToken, max_connections: inParallel });
      log.info('Telegram: webhook set', { bot: me.username, port: webhook.port, path });
    } else {
      await bot.telegram.deleteWebhook();
      const startPolling = (cursor?: PollCursor): LongPoll => startLongPoll({
        telegram: bot.telegram, sleep, inParallel,
        ...(cursor ? { cursor, onCursorError: (err: unknown) => log.warn('Telegram: could not store the poll position; another instance taking over may handle an update again', { err }) } : {}),
        handle: (u) => bot.handleUpdate(u),
        ...(o.pollTimeoutSeconds !== undefined ? { timeoutSeconds: o.pollTimeoutSeconds } : {}),
        onRetry: (err, waitMs) => log.warn('Telegram: getUpdates failed; retrying', { err, waitMs }),
        onFatal: (err) => log.error('Telegram: polling stopped (token revoked, or another process polls with it)', { err }),
      });
      poll = o.pollGate ? o.pollGate(startPolling) : startPolling();
      log.info(o.pollGate ? 'Telegram: long polling while this instance holds the poll lease' : 'Telegram: long polling', { bot: me.username });
    }
  } catch (err) {
    server?.close();
    throw err instanceof TelegramStartError ? err : startError(err, token, o.config.apiRoot);
  }

  return {
    sender,
    botInfo,
    webhook,
    idle: () => outbox.idle(),
    async stop() {
      await poll?.stop();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeIdleConnections();
        });
      }
    },
  };
}
