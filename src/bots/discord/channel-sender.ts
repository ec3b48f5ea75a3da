/**
 * The Deliver port for Discord: scheduled digests go to the channel where /subscribe was run,
 * as POST /channels/:id/messages through discord.js's REST client (its limiter waits out
 * short rate limits; long ones come back as 'rate-limited' for the scheduler's queue).
 * https://discord.com/developers/docs/resources/message#create-message
 */
import { Routes } from 'discord.js';
import type { REST } from 'discord.js';
import type { ChatSender } from '../../scheduler/sender.js';
import { toDeliveryError } from './errors.js';
import { DISCORD_SEND_LIMITS } from './limits.js';
import { renderDiscord } from './render.js';
import type { DiscordMessageBody } from './render.js';

/** A ChatSender posting rendered digests with the bot's REST client. */
export function createChannelSender(rest: Pick<REST, 'post'>, secrets: readonly string[] = []): ChatSender<DiscordMessageBody> {
  return {
    platform: 'discord',
    limits: DISCORD_SEND_LIMITS,
    render: (digest, emptyText) => renderDiscord(digest, { emptyText }),
    async send(chatId, message) {
      try {
        await rest.post(Routes.channelMessages(chatId), { body: { ...message, allowed_mentions: { parse: [] } } });
      } catch (err) {
        throw toDeliveryError(err, secrets);
      }
    },
  };
}
