/**
 * Several real newsbot instances (`newsbot start` child processes) on one throwaway PostgreSQL
 * database and Redis, delivering a missed slot to N Telegram chats through the limit-enforcing
 * fake Bot API (tests/fakes/telegram: 429 over 30 messages in any second or 1 per second per chat,
 * 409 for a second concurrent getUpdates). Shared by bench/cluster.bench.ts and the kill test.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeBotApi } from '../tests/fakes/telegram/fake-bot-api.js';
import { FakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import { createTestDatabase } from '../tests/helpers/postgres.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { ingestInputs } from '../src/ingest/ingest.js';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = '123456:TEST-cluster-token';
export const REDIS_URL = process.env.NEWSBOT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One running instance. */
export interface Instance {
  child: ChildProcess;
  pid: number;
  output(): string;
  exited: Promise<number | null>;
}

/** What a run saw. */
export interface ClusterRun {
  fake: FakeBotApi;
  /** Seconds from the first to the last accepted message. */
  spanSeconds: number;
  /** Chats that got no message, and chats that got more than one. */
  missing: string[];
  twice: string[];
  /** After a kill: seconds from the kill until every slot the victim held was claimed by another instance. */
  takeoverSeconds: number | null;
  /** After a kill: seconds from the kill to the first message to a chat whose slot the victim held. */
  firstResumedSeconds: number | null;
  /** Slots the victim held unfinished when it was killed. */
  victimSlots: number;
  /** With `discordShards`: what the Discord side saw. */
  discord: DiscordRun | null;
}

/** The Discord gateway shards of a run. */
export interface DiscordRun {
  fake: FakeDiscord;
  /** Shards the victim held when it was killed. */
  victimShards: number[];
  /** Seconds from the kill until every shard had a live session again, none of them the victim's. */
  takeoverSeconds: number | null;
  /** Guilds (one per shard) whose /help was answered after the takeover, of all. */
  answered: number;
  guilds: number;
}

export interface ClusterOptions {
  chats: number;
  instances: number;
  /** Kill -9 the instance holding most slots once this many messages were accepted. */
  killAfter?: number;
  timeoutMs: number;
  log?: (line: string) => void;
  /** A folder of data/samples to store (default all of them). */
  samples?: string;
  /** Also run the Discord bot with this many gateway shards (DISCORD_SHARD_COUNT) against the fake Discord. */
  discordShards?: number;
}

function startInstance(env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, pid: child.pid ?? 0, output: () => out, exited };
}

/** Seeds the database (sample articles, `chats` subscriptions due one minute ago), runs the instances, returns what the fake saw. */
export async function runCluster(o: ClusterOptions): Promise<ClusterRun> {
  const log = o.log ?? (() => undefined);
  const db = await createTestDatabase('cluster_run');
  const fake = await FakeBotApi.start({ token: TOKEN, enforceLimits: true });
  const shards = o.discordShards ?? 0;
  // One guild per shard: guild k's id puts it on shard k.
  const guilds = Array.from({ length: shards }, (_, k) => String((BigInt(5_000 * shards + k) << 22n) + 1n));
  const discord = shards > 0 ? await FakeDiscord.start({ guilds }) : null;
  const instances: Instance[] = [];
  try {
    const store = await openPostgresStore(db.url);
    const now = new Date();
    await ingestInputs(store, [join(ROOT, 'data', 'samples', o.samples ?? '')], { now: new Date(now.getTime() - 2 * 3_600_000) });
    const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
    const times = [slot.toISOString().slice(11, 16)];
    const created = new Date(slot.getTime() - 3_600_000).toISOString();
    for (let i = 1; i <= o.chats; i++) {
      await store.putSubscription({
        id: `telegram:${i}`, platform: 'telegram', chatId: String(i), scope: `telegram:${i}`, active: true, times, weekdays: null, timezone: 'UTC',
        topics: [], mutes: [], maxStories: 3, paused: null, createdAt: created, updatedAt: created, lastDigestAt: null,
      });
    }
    log(`seeded ${o.chats} subscriptions due at ${slot.toISOString()} in ${db.name}`);
    const env = {
      NEWSBOT_DATABASE_URL: db.url, NEWSBOT_REDIS_URL: REDIS_URL, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot,
      NEWSBOT_LOG_LEVEL: 'warn', NEWSBOT_FEED_POLL_MINUTES: '1440',
      ...(discord ? { DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase, DISCORD_SHARD_COUNT: String(shards), DISCORD_GUILD_ID: discord.ids.guildId } : {}),
    };
    for (let i = 0; i < o.instances; i++) instances.push(startInstance(env));

    const deadline = Date.now() + o.timeoutMs;
    const chatsServed = () => new Set(fake.sent.map((m) => m.chat_id)).size;
    let killedAt: number | null = null;
    let victimChats = new Set<string>();
    let victimTag = '';
    let takenOverAt: number | null = null;
    let victimHolder = '';
    let victimShards: number[] = [];
    let shardsBackAt: number | null = null;
    /** True when every shard has a live session and none is held by the victim. */
    const shardsBack = async (): Promise<boolean> => {
      if (!discord || discord.gateway.liveShards().length < shards) return false;
      const held = await store.query<{ n: string }>('bench', "SELECT count(*) AS n FROM leases WHERE name LIKE 'discord-shard:%' AND lease_until >= clock_timestamp() AND holder <> $1", [victimHolder]);
      return Number(held.rows[0]?.n ?? 0) === shards;
    };
    /** Victim slots not yet claimed by another instance nor finished. */
    const victimSlotsLeft = async (): Promise<number> => {
      const ids = [...victimChats].map((c) => `telegram:${c}`);
      const left = await store.query<{ n: string }>('bench', "SELECT count(*) AS n FROM deliveries WHERE subscription_id = ANY($1::text[]) AND status IN ('pending', 'sending') AND (claimed_by IS NULL OR claimed_by LIKE $2)", [ids, `%${victimTag}%`]);
      return Number(left.rows[0]?.n ?? 0);
    };
    while (chatsServed() < o.chats && Date.now() < deadline) {
      if (o.killAfter !== undefined && killedAt === null && fake.sent.length >= o.killAfter) {
        const held = await store.query<{ claimed_by: string; subscription_id: string }>('bench', "SELECT claimed_by, subscription_id FROM deliveries WHERE claimed_by IS NOT NULL AND status IN ('pending', 'sending')");
        const byPid = new Map<number, string[]>();
        for (const r of held.rows) {
          const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(r.claimed_by)?.[1]);
          byPid.set(pid, [...(byPid.get(pid) ?? []), r.subscription_id]);
        }
        const victim = instances.filter((i) => byPid.has(i.pid)).sort((a, b) => (byPid.get(b.pid)?.length ?? 0) - (byPid.get(a.pid)?.length ?? 0))[0];
        if (victim) {
          victimChats = new Set((byPid.get(victim.pid) ?? []).map((id) => id.replace('telegram:', '')));
          victim.child.kill('SIGKILL');
          killedAt = performance.now();
          victimTag = `-${victim.pid}-`;
          const vs = await store.query<{ name: string; holder: string }>('bench', "SELECT name, holder FROM leases WHERE name LIKE 'discord-shard:%' AND holder LIKE $1", [`%${victimTag}%`]);
          victimShards = vs.rows.map((r) => Number(r.name.split(':').at(-1))).sort((x, y) => x - y);
          victimHolder = vs.rows[0]?.holder ?? `%${victimTag}%`;
          log(`killed instance ${victim.pid} holding ${victimChats.size} unfinished slots after ${fake.sent.length} messages`);
        }
      }
      if (killedAt !== null && takenOverAt === null && (await victimSlotsLeft()) === 0) takenOverAt = performance.now();
      if (killedAt !== null && shardsBackAt === null && (await shardsBack())) shardsBackAt = performance.now();
      await sleep(50);
    }
    // The last victim slots may have been taken over and sent between two polls, ending the loop
    // before it looked: look once more (the time is then an upper bound).
    if (killedAt !== null && takenOverAt === null && (await victimSlotsLeft()) === 0) takenOverAt = performance.now();
    const arrivals = fake.arrivals;
    const perChat = new Map<string, number>();
    for (const m of fake.sent) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
    const all = Array.from({ length: o.chats }, (_, i) => String(i + 1));
    let firstResumedSeconds: number | null = null;
    if (killedAt !== null) {
      const after = fake.sent.map((m, i) => ({ m, t: arrivals[i] as number })).filter(({ m, t }) => t > (killedAt as number) && victimChats.has(m.chat_id));
      firstResumedSeconds = after.length > 0 ? ((after[0]?.t as number) - killedAt) / 1000 : null;
    }
    const takeoverSeconds = killedAt !== null && takenOverAt !== null ? (takenOverAt - killedAt) / 1000 : null;
    const discordRun = discord ? await discordAfter(discord, guilds, { killedAt, shardsBackAt, victimShards, shardsBack, deadline }) : null;
    await store.close();
    return {
      fake,
      spanSeconds: arrivals.length > 1 ? ((arrivals[arrivals.length - 1] as number) - (arrivals[0] as number)) / 1000 : 0,
      missing: all.filter((c) => !perChat.has(c)),
      twice: all.filter((c) => (perChat.get(c) ?? 0) > 1),
      takeoverSeconds,
      firstResumedSeconds,
      victimSlots: victimChats.size,
      discord: discordRun,
    };
  } finally {
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
    await Promise.race([Promise.all(instances.map((i) => i.exited)), sleep(12_000)]);
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
    await fake.close();
    await discord?.close();
    await db.drop();
  }
}

/** After the deliveries: waits for the shards to be back (after a kill), then asks /help in every guild. */
async function discordAfter(
  discord: FakeDiscord, guilds: string[],
  k: { killedAt: number | null; shardsBackAt: number | null; victimShards: number[]; shardsBack: () => Promise<boolean>; deadline: number },
): Promise<DiscordRun> {
  let back = k.shardsBackAt;
  while (back === null && Date.now() < k.deadline) {
    if (await k.shardsBack()) back = performance.now();
    else await sleep(100);
  }
  let answered = 0;
  for (const guildId of guilds) {
    const ix = await discord.interact({ name: 'help', guildId }).catch(() => null);
    if (ix) await discord.waitFor(() => ix.edits.length > 0, 'help answered', 20_000).then(() => answered++, () => undefined);
  }
  return {
    fake: discord, victimShards: k.victimShards, answered, guilds: guilds.length,
    takeoverSeconds: k.killedAt !== null && back !== null ? (back - k.killedAt) / 1000 : null,
  };
}
