/**
 * Multi-instance mode (active only on PostgreSQL): every instance is equal and any may be killed
 * at any moment. What each one does:
 *   - schedules every due slot, but delivers only the slots it claims (slot-claims.ts), and every
 *     5 s takes over unfinished slots whose claimer's lease ran out;
 *   - fetches a due feed only after claiming it for the poll interval (feed-claims.ts);
 *   - sends within each platform's global limit counted across all instances (Redis when
 *     NEWSBOT_REDIS_URL is set, else PostgreSQL);
 *   - long-polls Telegram only while it holds the poll lease (poll-leader.ts);
 *   - runs its share of the Discord gateway's shards (shard-leases.ts).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Platform } from '../model.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { SharedWindow } from '../scheduler/shared-window.js';
import type { FeedClaim } from '../ingest/feeds.js';
import { PgSlotClaims, SLOT_LEASES } from './slot-claims.js';
import type { SlotLeaseTimes } from './slot-claims.js';
import { pgFeedClaim } from './feed-claims.js';
import { Leases } from './leases.js';
import { pollLeader } from './poll-leader.js';
import { pgPollCursor } from './poll-cursor.js';
import type { PollGate } from './poll-leader.js';
import { shardLeases } from './shard-leases.js';
import type { ShardGate, ShardLeaseOptions } from './shard-leases.js';
import { RedisWindow, connectRedis } from './redis-window.js';
import { PgWindow } from './pg-window.js';

/** Global send limits per platform (the per-chat ones stay local: one instance sends a slot). */
const GLOBAL_LIMITS: Partial<Record<Platform, { limit: number; windowMs: number }>> = {
  telegram: { limit: 30, windowMs: 1000 },
  discord: { limit: 50, windowMs: 1000 },
};

export interface ClusterOptions {
  log: Logger;
  redisUrl: string | null;
  feedPollMinutes: number;
  /** How often orphaned slots are looked for (default 5 s). */
  takeoverEveryMs?: number;
  slotLeases?: SlotLeaseTimes;
  /** Telegram poll lease (default 20 s, renewed every 5 s). */
  pollLease?: { ttlMs: number; everyMs: number };
  /** Discord shard leases (default 20 s, renewed every 5 s; one IDENTIFY per 5 s). */
  shardLeases?: Omit<ShardLeaseOptions, 'log'>;
  /** This instance's name (default host-pid-random). */
  instanceId?: string;
}

/** The hooks multi-instance mode gives the scheduler, the feed poller and the Telegram adapter. */
export interface Cluster {
  instanceId: string;
  claims: PgSlotClaims;
  feedClaim: FeedClaim;
  sharedLimits: Partial<Record<Platform, SharedWindow>>;
  telegramPollGate: PollGate;
  discordShards: ShardGate;
  /** Starts taking over orphaned slots into `scheduler`. */
  attach(scheduler: Scheduler): void;
  stop(): Promise<void>;
}

export function startCluster(db: PostgresStore, o: ClusterOptions): Cluster {
  const instanceId = o.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = o.log.child({ instance: instanceId });
  const warn = (what: string) => (err: unknown) => log.warn(what, { err });
  const claims = new PgSlotClaims(db, instanceId, o.slotLeases ?? SLOT_LEASES, warn('could not renew delivery slot leases'));
  const leases = new Leases(db, instanceId);
  const redis: Redis | null = o.redisUrl ? connectRedis(o.redisUrl) : null;
  redis?.on('error', warn('Redis: connection problem; sends keep to the local limits meanwhile'));
  const sharedLimits: Partial<Record<Platform, SharedWindow>> = {};
  for (const [platform, l] of Object.entries(GLOBAL_LIMITS) as [Platform, { limit: number; windowMs: number }][]) {
    const onError = warn(`${platform}: the shared send limit is unavailable; this send keeps to the local limits`);
    sharedLimits[platform] = redis
      ? new RedisWindow(redis, `newsbot:send:${platform}`, l.limit, l.windowMs, onError)
      : new PgWindow(db, platform, l.limit, l.windowMs, onError);
  }
  // A claim outlasts one poll interval a little less, so the next interval's poll finds it free.
  const feedClaim = pgFeedClaim(db, instanceId, Math.max(30_000, o.feedPollMinutes * 60_000 - 30_000));
  const telegramPollGate = pollLeader(leases, 'telegram-poll', { log, cursor: pgPollCursor(db, 'telegram', 'telegram-poll', instanceId), ...(o.pollLease ?? {}) });
  const discordShards = shardLeases(leases, 'discord', { log, ...(o.shardLeases ?? {}) });
  let timer: NodeJS.Timeout | null = null;

  log.info('multi-instance mode', { redis: redis !== null });
  return {
    instanceId, claims, feedClaim, sharedLimits, telegramPollGate, discordShards,
    attach(scheduler) {
      let busy = false;
      const takeOver = async (): Promise<void> => {
        if (busy) return;
        busy = true;
        try {
          const orphans = await claims.orphans();
          if (orphans.length > 0) log.info('taking over unfinished slots', { count: orphans.length });
          for (const s of orphans) await scheduler.adopt(s.subscriptionId, s.slot);
        } catch (err) {
          log.warn('looking for unfinished slots failed', { err });
        } finally {
          busy = false;
        }
      };
      timer = setInterval(() => void takeOver(), o.takeoverEveryMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      claims.stop();
      redis?.disconnect();
    },
  };
}
