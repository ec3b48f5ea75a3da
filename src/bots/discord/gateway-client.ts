/**
 * One discord.js client with newsbot's options and listeners: the Guilds intent only (no
 * privileged intents), REST timeouts and rate-limit rule, mentions off, the interaction listener
 * and log lines for the gateway's life. Optionally for a subset of the gateway's shards.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import { redact } from '../../log.js';
import { errorFields } from './errors.js';
import { interactionListener } from './interactions.js';
import type { InteractionDeps } from './interactions.js';

/** What every client of the bot shares: what its interactions need, and where and how it reaches the API. */
export interface GatewayClientDeps extends InteractionDeps {
  apiBase: string;
  tuning: { restTimeoutMs: number; retries: number; waitGuildTimeoutMs: number; maxRateLimitWaitMs: number };
}

/** Which shards the client runs (discord.js `shards`, `shardCount`, `ws`); absent: the count Discord recommends, all here. */
export type ShardOptions = Pick<ClientOptions, 'shards' | 'shardCount' | 'ws'>;

export function createGatewayClient(d: GatewayClientDeps, shards: ShardOptions = { shards: 'auto' }): Client {
  const { tuning, log, secrets } = d;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...shards,
    rest: {
      api: d.apiBase,
      timeout: tuning.restTimeoutMs,
      retries: tuning.retries,
      rejectOnRateLimit: (info) => info.retryAfter > tuning.maxRateLimitWaitMs,
    },
    // Default for every message the client sends; each body also carries it explicitly.
    allowedMentions: { parse: [] },
    waitGuildTimeout: tuning.waitGuildTimeoutMs,
  });

  client.on(Events.InteractionCreate, interactionListener({
    handler: d.handler,
    events: d.events,
    admins: d.admins,
    log,
    clock: d.clock,
    secrets,
    outbox: d.outbox,
    ...(d.autocomplete ? { autocomplete: d.autocomplete } : {}),
  }));
  client.on(Events.Error, (err) => log.error('Discord: client error', errorFields(err, secrets)));
  client.on(Events.Warn, (msg) => log.warn('Discord: warning', { detail: redact(msg, secrets) }));
  // discord.js reconnects (resume or re-identify) by itself; these lines only say what happened.
  client.on(Events.ShardReconnecting, (shard) => log.info('Discord: gateway connection lost; reconnecting', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => log.info('Discord: gateway resumed', { shard, replayed }));
  client.on(Events.ShardDisconnect, (event, shard) => log.error('Discord: gateway closed for good', { shard, code: event.code }));
  return client;
}
