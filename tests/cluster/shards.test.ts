/**
 * Discord gateway shards spread over several instances on the real PostgreSQL, each instance the
 * real sharded Discord bot (real discord.js clients) against the fake Discord, whose gateway
 * routes a guild's events to the session of its shard and refuses a second session on a shard.
 * An "instance" here is one bot with its own lease holder; one of them loses its database.
 */
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startShardedDiscordBot } from '../../src/bots/discord/shards.js';
import { Leases } from '../../src/cluster/leases.js';
import { shardLeases } from '../../src/cluster/shard-leases.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { silentLogger } from '../../src/log.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { shardOf } from '../fakes/discord/payloads.js';
import { usePostgresStore } from '../helpers/postgres.js';

/** Eight guilds whose ids put two on each of four shards. */
const GUILDS = Array.from({ length: 8 }, (_, i) => String(((1_000n + BigInt(i)) << 22n) + 7n));
const noop = { pause: async () => {}, migrate: async () => {} };

const pg = usePostgresStore('shards');
let store: PostgresStore;
let fake: FakeDiscord;
beforeEach(async () => {
  store = pg.store;
  fake = await FakeDiscord.start({ guilds: GUILDS, recommendedShards: 4 });
  onTestFinished(() => fake.close());
});

type Bot = Awaited<ReturnType<typeof startShardedDiscordBot>>;

/** One instance: the sharded bot, answering every command with its own name. */
async function instance(name: string, leases: Leases = new Leases(store, name), shardCount?: number): Promise<Bot> {
  const gate = shardLeases(leases, 'discord', { log: silentLogger, ttlMs: 3_000, everyMs: 300, identifyEveryMs: 150 });
  const bot = await startShardedDiscordBot({
    config: { token: fake.token, applicationId: null, guildId: fake.ids.guildId, apiBase: fake.apiBase, ...(shardCount ? { shardCount } : {}) },
    handler: async () => ({ kind: 'text', lines: [`answered by ${name}`] }),
    events: noop, admins: [], log: silentLogger,
    tuning: { waitGuildTimeoutMs: 500, restTimeoutMs: 5_000 },
    gate,
  });
  onTestFinished(() => bot.stop());
  return bot;
}

/** Waits (generously: the machine may be loaded) until `cond` holds. */
const until = (cond: () => boolean, what: string) => fake.waitFor(cond, what, 60_000);

/** Who answered an interaction in `guildId` (the fake dispatches it on the guild's shard only). */
async function answerer(guildId: string | null): Promise<{ shard: number; text: string }> {
  const ix = await fake.interact(guildId === null ? { name: 'help', dm: true } : { name: 'help', guildId });
  await fake.waitFor(() => ix.edits.length > 0, `an answer in ${guildId ?? 'a DM'}`, 20_000);
  return { shard: ix.shard, text: String(ix.edits[0]?.content) };
}

const allConnected = (count: number) => () => fake.gateway.liveShards().length === count;

describe('Discord shards over several instances', () => {
  it('spread the recommended shards over three instances; each guild is answered by the instance holding its shard', async () => {
    const bots = { a: await instance('a'), b: await instance('b'), c: await instance('c') };
    expect(bots.a.shardCount).toBe(4); // recommended by GET /gateway/bot
    await until(() => allConnected(4)() && Object.values(bots).every((b) => b.held().length >= 1), 'four shards spread over three instances');
    const holders = new Map<number, string>();
    for (const [n, b] of Object.entries(bots)) for (const s of b.held()) holders.set(s, n);
    expect([...holders.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(Object.values(bots).map((b) => b.held().length).sort()).toEqual([1, 1, 2]);
    for (const g of GUILDS) {
      const r = await answerer(g);
      expect(r.shard).toBe(shardOf(g, 4));
      expect(r.text).toBe(`answered by ${holders.get(r.shard)}`);
    }
    expect((await answerer(null)).text).toBe(`answered by ${holders.get(0)}`); // DMs arrive on shard 0
    expect(fake.gateway.liveShards()).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
    expect(fake.stats.shardConflicts).toBe(0);
  }, 120_000);

  it('an instance that loses the database closes its shards before its leases run out; the others take them over, and a stopped one hands its shards over', async () => {
    let aDead = false;
    const aLeases = new Leases(store, 'a');
    const dying = Object.assign(Object.create(aLeases) as Leases, {
      acquire: (n: string, ttl: number) => (aDead ? Promise.reject(new Error('connection lost')) : aLeases.acquire(n, ttl)),
      live: (p: string) => (aDead ? Promise.reject(new Error('connection lost')) : aLeases.live(p)),
    });
    const a = await instance('a', dying, 3);
    const b = await instance('b', undefined, 3);
    expect(b.shardCount).toBe(3); // DISCORD_SHARD_COUNT over the recommendation
    await until(() => allConnected(3)() && a.held().length >= 1 && b.held().length >= 1, 'three shards over two instances');
    const aShards = a.held();
    aDead = true;
    await until(() => a.held().length === 0, 'a closing its shards');
    await until(() => allConnected(3)() && b.held().length === 3, 'b holding every shard');
    for (const g of GUILDS.filter((x) => aShards.includes(shardOf(x, 3)))) expect((await answerer(g)).text).toBe('answered by b');

    const c = await instance('c', undefined, 3);
    await until(() => c.held().length >= 1 && allConnected(3)(), 'c taking its share');
    await b.stop();
    await until(() => c.held().length === 3 && allConnected(3)(), 'c holding every shard after b stopped');
    for (const g of GUILDS) expect((await answerer(g)).text).toBe('answered by c');
    expect(fake.stats.shardConflicts).toBe(0); // never two sessions on one shard
  }, 180_000);
});

describe('identify turns', () => {
  it('give one turn per interval across instances', async () => {
    const a = new Leases(store, 'a');
    const b = new Leases(store, 'b');
    const got = await Promise.all([a.takeTurn('t', 60_000), b.takeTurn('t', 60_000), a.takeTurn('t', 60_000)]);
    expect(got.filter(Boolean)).toHaveLength(1);
    expect(await a.takeTurn('t', 60_000)).toBe(false); // not even for the holder
    expect(await b.takeTurn('u', 60_000)).toBe(true);
  });
});
