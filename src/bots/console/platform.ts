/**
 * The console as a registry entry: the chat newsbot offers when no bot token is set. Its start is
 * the first-run experience (sample articles, today's digest), then, on a terminal, a chat on the
 * shared router whose scheduled digests are printed.
 */
import { renderText } from '../../digest/render/text.js';
import { definePlatform } from '../platform.js';
import { NO_LIMITS } from '../../scheduler/rate-limit.js';
import { replyToText, runConsoleChat } from './console-chat.js';
import { consoleSender } from './console-sender.js';

export const consolePlatform = definePlatform({
  id: 'console',
  config: { vars: {}, read: () => ({}), secrets: () => [] },
  fallback: true,
  adminId: { pattern: /^[\w-]+$/, example: 'local' },
  wording: { admins: 'you', refusal: (command) => `You are not allowed to use /${command}.` },
  limits: NO_LIMITS,
  render: {
    digest: (digest, emptyText) => [renderText(digest, { emptyText })],
    reply: (reply) => (reply.kind === 'none' ? [] : [replyToText(reply, reply.kind === 'digest' ? (reply.digest.timeZone ?? 'UTC') : 'UTC')]),
  },
  async start(_config, ctx) {
    const added = await ctx.seedSamples();
    if (added > 0) process.stderr.write(`First run: stored ${added} sample articles from data/samples in ${ctx.storeName}.\n`);
    const { digest, emptyText } = await ctx.overview(ctx.clock());
    process.stdout.write(`${renderText(digest, { timeZone: ctx.timezone, emptyText })}\n`);
    if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
    process.stdout.write('\nNo DISCORD_TOKEN or TELEGRAM_BOT_TOKEN is set, so this is the console chat (see README for the bots).\n');
    const sender = consoleSender(process.stdout);
    return {
      send: (chatId, message) => sender.send(chatId, message),
      stop: async () => undefined,
      done: runConsoleChat({ handler: ctx.handler, timeZone: ctx.timezone, clock: ctx.clock }),
      usesTerminal: true,
    };
  },
});
