/**
 * Three real instances (child processes) on PostgreSQL and Redis deliver a missed slot to 150
 * Telegram chats through the limit-enforcing fake; the one holding most slots is killed (kill -9)
 * mid-delivery. Every chat still gets its digest, none twice beyond the message in flight at the
 * kill, its slots are taken over within 60 s, and the fake never answered 429 or 409. The instances
 * also run the Discord bot with four gateway shards against the fake Discord: the victim's shards
 * are taken over, never two sessions on one shard, and /help is answered in a guild of every shard.
 * Slow by nature (lease expiry): generous timeout.
 */
import { describe, expect, it } from 'vitest';
import { runCluster } from '../../bench/cluster-harness.js';

describe('several instances, one killed', () => {
  it('delivers every digest once (beyond the one in flight), the victim\'s slots taken over within 60 s', async () => {
    const r = await runCluster({ chats: 150, instances: 3, killAfter: 40, timeoutMs: 200_000, samples: 'valley-times', discordShards: 4 });
    expect(r.victimSlots).toBeGreaterThan(0);
    expect(r.missing).toEqual([]);
    expect(r.twice.length).toBeLessThanOrEqual(r.victimSlots);
    expect(r.takeoverSeconds).not.toBeNull();
    expect(r.firstResumedSeconds).not.toBeNull();
    expect(r.takeoverSeconds as number).toBeLessThanOrEqual(60);
    expect(r.fake.counts).toEqual({ tooManyRequests: 0, conflicts: 0 });
    const d = r.discord!;
    expect(d.takeoverSeconds).not.toBeNull();
    expect(d.answered).toBe(d.guilds);
    expect(d.fake.stats.shardConflicts).toBe(0);
    expect(d.fake.stats.identified.map((i) => i.shard[1])).toEqual(d.fake.stats.identified.map(() => 4)); // DISCORD_SHARD_COUNT
  }, 300_000);
});
