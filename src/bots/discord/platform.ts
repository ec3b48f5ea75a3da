/** Discord as a registry entry: settings, limits, wording, renderer and the bot's start. */
import { definePlatform } from '../platform.js';
import { DISCORD_VARS, readDiscordConfig } from './config.js';
import { DISCORD_SEND_LIMITS } from './limits.js';
import { renderDiscord, replyMessages } from './render.js';

export const discordPlatform = definePlatform({
  id: 'discord',
  config: { vars: DISCORD_VARS, read: readDiscordConfig, secrets: (c) => [c.token] },
  adminId: { pattern: /^\d+$/, example: '123456' },
  wording: {
    admins: 'members with Manage Server',
    refusal: (command) => `Only members with the Manage Server permission can use /${command}.`,
  },
  limits: DISCORD_SEND_LIMITS,
  render: {
    digest: (digest, emptyText) => renderDiscord(digest, { emptyText }),
    reply: replyMessages,
    preview: (digest, opts) => JSON.stringify(renderDiscord(digest, opts), null, 2),
  },
  async start(config, ctx) {
    // discord.js is loaded only when a token is set.
    const { startDiscordBot, storeTopicSource } = await import('./index.js');
    const opts = {
      config, handler: ctx.handler, events: ctx.events, admins: ctx.admins, log: ctx.log, clock: ctx.clock,
      autocomplete: storeTopicSource(ctx.store, { clock: ctx.clock }), outbox: ctx.outbox,
    };
    // Several instances: the gateway's shards are spread over them.
    const gate = ctx.shardGate;
    const bot = gate ? await (await import('./shards.js')).startShardedDiscordBot({ ...opts, gate }) : await startDiscordBot(opts);
    ctx.log.info('discord bot started');
    return { send: (chatId, message) => bot.sender.send(chatId, message), stop: () => bot.stop() };
  },
});
