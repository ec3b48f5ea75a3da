/** Telegram as a registry entry: settings, limits, wording, renderer and the bot's start. */
import { definePlatform } from '../platform.js';
import { readTelegramConfig, TELEGRAM_VARS } from './config.js';
import { TELEGRAM_LIMITS } from './limits.js';
import { renderTelegram, renderTelegramMessages } from './render.js';
import { replyMessages } from './reply-messages.js';

export const telegramPlatform = definePlatform({
  id: 'telegram',
  config: { vars: TELEGRAM_VARS, read: readTelegramConfig, secrets: (c) => [c.token] },
  adminId: { pattern: /^\d+$/, example: '123456' },
  wording: {
    admins: 'chat administrators',
    refusal: (command) => `Only chat administrators can use /${command} here.`,
  },
  limits: TELEGRAM_LIMITS,
  render: {
    digest: (digest, emptyText) => renderTelegramMessages(digest, { emptyText }),
    reply: replyMessages,
    preview: (digest, opts) => JSON.stringify(renderTelegram(digest, opts), null, 2),
  },
  async start(config, ctx) {
    // telegraf is loaded only when a token is set.
    const { startTelegramBot } = await import('./start-bot.js');
    const bot = await startTelegramBot({ config, handler: ctx.handler, events: ctx.events, admins: ctx.admins, log: ctx.log, clock: ctx.clock, outbox: ctx.outbox, ...(ctx.pollGate ? { pollGate: ctx.pollGate } : {}) });
    ctx.log.info('telegram bot started');
    return { send: (chatId, message) => bot.sender.send(chatId, message), stop: () => bot.stop() };
  },
});
