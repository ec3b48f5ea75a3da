/**
 * The Discord bot on several instances: the gateway's shards (DISCORD_SHARD_COUNT, or the count
 * Discord recommends) are spread over the instances by a ShardGate (src/cluster/shard-leases.ts).
 * Each shard held here runs its own discord.js client (`shards: [id]`, `shardCount`), so taking
 * a shard over or giving one back connects or closes that shard alone, never the others. Discord
 * sends a guild's interactions on the guild's shard, `(guild_id >> 22) % count`, so the instance
 * holding it answers them. Every instance sends digests and registers the commands through its
 * own REST client, whether it holds shards or not; IDENTIFYs are spaced across instances by the
 * gate (one per 5 s per bucket).
 */
import { Events, REST, Routes } from 'discord.js';
import type { APIGatewayBotInfo, Client } from 'discord.js';
import type { ShardGate } from '../../cluster/shard-leases.js';
import type { DiscordBot, StartDiscordOptions } from './index.js';
import { DEFAULT_TUNING, answerOutbox } from './index.js';
import { createChannelSender } from './channel-sender.js';
import { errorFields, toStartError } from './errors.js';
import { createGatewayClient } from './gateway-client.js';
import { registerCommands } from './register-commands.js';

/**
 * Checks the token and reads the shard count (GET /gateway/bot), registers the commands, then
 * lets `gate` open the shards this instance holds. Resolves before any shard is connected.
 * Throws DiscordStartError (one line, never the token) when the token is rejected or the API unreachable.
 */
export async function startShardedDiscordBot(opts: StartDiscordOptions & { gate: ShardGate }): Promise<DiscordBot & { shardCount: number; held(): number[] }> {
  const { config, gate } = opts;
  const log = opts.log.child({ platform: 'discord' });
  const clock = opts.clock ?? (() => new Date());
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const secrets = [config.token];
  const rest = new REST({
    api: config.apiBase, timeout: tuning.restTimeoutMs, retries: tuning.retries,
    rejectOnRateLimit: (info) => info.retryAfter > tuning.maxRateLimitWaitMs,
  }).setToken(config.token);

  let info: APIGatewayBotInfo;
  let applicationId: string;
  try {
    info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
    applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  } catch (err) {
    throw toStartError(err, config.token, config.apiBase);
  }
  const count = config.shardCount ?? Math.max(1, info.shards);
  const buckets = Math.max(1, info.session_start_limit.max_concurrency);
  try {
    const n = await registerCommands(rest, { applicationId, guildId: config.guildId });
    log.info('Discord: slash commands registered', { count: n, where: config.guildId ? `guild ${config.guildId}` : 'global' });
  } catch (err) {
    log.error('Discord: could not register slash commands; the previous registration stays in use', errorFields(err, secrets));
  }

  const sender = createChannelSender(rest, secrets);
  const outbox = answerOutbox(opts, (chatId, message) => sender.send(chatId, message), log, clock);
  const deps = {
    apiBase: config.apiBase, handler: opts.handler, events: opts.events, admins: opts.admins, log, clock, secrets, tuning, outbox,
    ...(opts.autocomplete ? { autocomplete: opts.autocomplete } : {}),
  };
  const throttler = { waitForIdentify: (shardId: number, signal: AbortSignal) => gate.waitForIdentify(shardId % buckets, signal) };
  /** Clients of the shards held here; `cancel` fails an open still in progress. */
  const clients = new Map<number, { client: Client; cancel: (why: string) => void }>();
  const run = gate.run(count, {
    async open(id, lost) {
      const client = createGatewayClient(deps, { shards: [id], shardCount: count, ws: { buildIdentifyThrottler: () => throttler } });
      let ready = false;
      const connected = new Promise<void>((resolve, reject) => {
        clients.set(id, { client, cancel: (why) => reject(new Error(why)) });
        client.once(Events.ClientReady, () => resolve());
        // A close discord.js does not recover from (4004, 4010, …): the shard is given up, another try comes later.
        client.on(Events.ShardDisconnect, (event) => (ready ? lost(`gateway closed for good (${event.code})`) : reject(new Error(`gateway closed (${event.code})`))));
      });
      try {
        await Promise.all([client.login(config.token), connected]);
        ready = true;
      } catch (err) {
        if (clients.get(id)?.client === client) clients.delete(id);
        await client.destroy().catch(() => undefined);
        throw toStartError(err, config.token, config.apiBase);
      }
      log.info('Discord: shard connected', { shard: id, count, guilds: client.guilds.cache.size });
    },
    async close(id) {
      const held = clients.get(id);
      clients.delete(id);
      held?.cancel('closed while connecting');
      await held?.client.destroy().catch(() => undefined);
    },
  });
  log.info('Discord: gateway shards shared with the other instances', { count });

  let stopped = false;
  return {
    sender,
    applicationId,
    idle: () => outbox.idle(),
    shardCount: count,
    held: () => run.held(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await run.stop();
    },
  };
}
