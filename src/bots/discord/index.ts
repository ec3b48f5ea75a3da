/**
 * The Discord bot: one discord.js client (Guilds intent only, no privileged intents) that answers
 * slash commands through the shared command handler and exposes the Deliver port for scheduled
 * digests. The only module tree that imports discord.js.
 */
import { Events } from 'discord.js';
import type { DiscordConfig } from './config.js';
import type { Logger } from '../../log.js';
import type { ChatSender } from '../../scheduler/sender.js';
import type { ChatEvents, CommandHandler } from '../commands/types.js';
import type { TopicSource } from './autocomplete.js';
import { createChannelSender } from './channel-sender.js';
import { DISCORD_SEND_LIMITS } from './limits.js';
import type { LimitRule } from '../../scheduler/rate-limit.js';
import { realClock } from '../../scheduler/clock.js';
import { SendQueue } from '../../scheduler/queue.js';
import { platformOutbox } from '../platform.js';
import type { Outbox, SendOne } from '../../scheduler/outbox.js';
import { errorFields, toStartError } from './errors.js';
import { createGatewayClient } from './gateway-client.js';
import { registerCommands } from './register-commands.js';
import type { DiscordMessageBody } from './render.js';

export type { DiscordMessageBody } from './render.js';
export type { TopicSource } from './autocomplete.js';
export { DiscordStartError, TOKEN_REJECTED } from './errors.js';
export { commandDefinitions } from './command-defs.js';
export { storeTopicSource } from './topic-source.js';

/** Timeouts worth changing (tests shorten them; production keeps the defaults). */
export interface DiscordTuning {
  /** Per-request REST timeout (default 15 s). */
  restTimeoutMs?: number;
  /** Retries for 5xx and timeouts, done by discord.js (default 3). */
  retries?: number;
  /** How long READY waits for GUILD_CREATE of each guild (default 15 s). */
  waitGuildTimeoutMs?: number;
  /**
   * Rate limits shorter than this are waited out by discord.js; longer ones fail the send with
   * 'rate-limited' so the scheduler's queue can hold that chat and move on (default 10 s).
   */
  maxRateLimitWaitMs?: number;
}

export const DEFAULT_TUNING = {
  restTimeoutMs: 15_000,
  retries: 3,
  waitGuildTimeoutMs: 15_000,
  maxRateLimitWaitMs: 10_000,
} as const satisfies Required<DiscordTuning>;

export interface StartDiscordOptions {
  config: DiscordConfig;
  handler: CommandHandler;
  events: ChatEvents;
  /** NEWSBOT_ADMINS entries ('discord:<user id>' ones apply here). */
  admins: readonly string[];
  log: Logger;
  clock?: () => Date;
  /** Topic suggestions for the `topic` and `words` options. */
  autocomplete?: TopicSource;
  tuning?: DiscordTuning;
  /**
   * The outbox command answers go through (the platform's one outgoing queue, shared with digests).
   * Default: an outbox on a queue of its own keeping `sendLimits`.
   */
  outbox?: (send: SendOne<DiscordMessageBody>) => Outbox<DiscordMessageBody>;
  /** Limits of the default outbox's queue (default Discord's). */
  sendLimits?: readonly LimitRule[];
}

/** A running Discord bot. */
export interface DiscordBot {
  /** The Deliver port for scheduled digests (chat id = channel id). */
  sender: ChatSender<DiscordMessageBody>;
  /** The application the commands were registered for. */
  applicationId: string;
  /** Resolves once every queued answer was sent or given up. */
  idle(): Promise<void>;
  /** Closes the gateway connection; safe to call twice. */
  stop(): Promise<void>;
}

/** The outbox answers go through: the one the platform gives, else one on a queue of its own. */
export function answerOutbox(opts: StartDiscordOptions, send: SendOne<DiscordMessageBody>, log: Logger, clock: () => Date): Outbox<DiscordMessageBody> {
  if (opts.outbox) return opts.outbox(send);
  return platformOutbox('discord', { queue: new SendQueue(opts.sendLimits ?? DISCORD_SEND_LIMITS, realClock), send, events: opts.events, log, now: clock });
}

/**
 * Logs in, waits for the client to be ready, registers the slash commands (a failure there is
 * logged, not fatal: the previous registration keeps working) and starts answering.
 * Throws DiscordStartError with a one-line message (never containing the token) when login fails.
 */
export async function startDiscordBot(opts: StartDiscordOptions): Promise<DiscordBot> {
  const { config } = opts;
  const log = opts.log.child({ platform: 'discord' });
  const clock = opts.clock ?? (() => new Date());
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const secrets = [config.token];

  // Answers go out through the client's REST (made with the client, used only once it runs).
  const send: SendOne<DiscordMessageBody> = (chatId, message) => sender.send(chatId, message);
  const outbox = answerOutbox(opts, send, log, clock);
  const client = createGatewayClient({
    apiBase: config.apiBase, handler: opts.handler, events: opts.events, admins: opts.admins, log, clock, secrets, tuning, outbox,
    ...(opts.autocomplete ? { autocomplete: opts.autocomplete } : {}),
  }, config.shardCount ? { shardCount: config.shardCount } : { shards: 'auto' });

  const sender = createChannelSender(client.rest, secrets);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw toStartError(err, config.token, config.apiBase);
  }

  const applicationId = config.applicationId ?? client.application?.id ?? client.user?.id ?? '';
  log.info('Discord: connected', { user: client.user?.tag ?? null, guilds: client.guilds.cache.size });
  try {
    const count = await registerCommands(client.rest, { applicationId, guildId: config.guildId });
    log.info('Discord: slash commands registered', { count, where: config.guildId ? `guild ${config.guildId}` : 'global' });
  } catch (err) {
    log.error('Discord: could not register slash commands; the previous registration stays in use', errorFields(err, secrets));
  }

  let stopped = false;
  return {
    sender,
    applicationId,
    idle: () => outbox.idle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
    },
  };
}
