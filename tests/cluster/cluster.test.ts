/**
 * Multi-instance building blocks against the real PostgreSQL and Redis (127.0.0.1): leases, slot
 * and feed claims, the shared send window, the Telegram poll leader, and two schedulers sharing
 * one database. Several "instances" here are several objects with their own holder ids.
 */
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { Leases } from '../../src/cluster/leases.js';
import { PgSlotClaims } from '../../src/cluster/slot-claims.js';
import { pgFeedClaim } from '../../src/cluster/feed-claims.js';
import { PgWindow } from '../../src/cluster/pg-window.js';
import { RedisWindow } from '../../src/cluster/redis-window.js';
import { pollLeader } from '../../src/cluster/poll-leader.js';
import type { SharedWindow } from '../../src/scheduler/shared-window.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { newRecord } from '../../src/scheduler/records.js';
import { realClock } from '../../src/scheduler/clock.js';
import { silentLogger } from '../../src/log.js';
import { usePostgresStore } from '../helpers/postgres.js';
import { FakeSender, fakeDigest, makeSub } from '../scheduler/helpers/fixtures.js';
import { feed } from '../store/fixtures.js';

const REDIS_URL = process.env.NEWSBOT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const pg = usePostgresStore('cluster');
let store: PostgresStore;
beforeEach(() => {
  store = pg.store;
});

describe('leases', () => {
  it('given a lease held by one instance, refuses another until it expires or is released', async () => {
    const a = new Leases(store, 'a');
    const b = new Leases(store, 'b');
    expect(await a.acquire('x', 400)).toBe(true);
    expect(await b.acquire('x', 400)).toBe(false);
    expect(await a.acquire('x', 400)).toBe(true); // renewal
    await sleep(500);
    expect(await b.acquire('x', 10_000)).toBe(true);
    expect(await a.acquire('x', 400)).toBe(false);
    expect(await b.live('x')).toEqual([{ name: 'x', holder: 'b' }]);
    await b.release('x');
    expect(await a.acquire('x', 400)).toBe(true);
  });
});

describe('slot claims', () => {
  it('gives a slot to one instance; an expired claim is taken over and listed as an orphan', async () => {
    const a = new PgSlotClaims(store, 'a', { ttlMs: 300, unclaimedMs: 60_000 });
    const b = new PgSlotClaims(store, 'b', { ttlMs: 300, unclaimedMs: 60_000 });
    onTestFinished(() => (a.stop(), b.stop()));
    const slot = new Date('2026-11-28T08:00:00.000Z');
    const rec = newRecord('telegram:1', slot, slot);
    await a.insertNew([rec]);
    await b.insertNew([{ ...rec, status: 'sending', messagesSent: 3 }]); // exists: left as it is
    expect((await store.getDelivery(rec.key))?.status).toBe('pending');
    const [ca, cb] = await Promise.all([a.claim(rec.key), b.claim(rec.key)]);
    expect([ca, cb].filter(Boolean)).toHaveLength(1);
    const winner = ca ? a : b;
    const loser = ca ? b : a;
    await winner.renew();
    expect(await loser.claim(rec.key)).toBe(false);
    winner.stop(); // the winner "dies": no more renewals
    await sleep(1_200);
    expect(await loser.orphans()).toEqual([{ subscriptionId: 'telegram:1', slot }]);
    expect(await loser.claim(rec.key)).toBe(true);
    await store.putDelivery({ ...rec, status: 'sent' });
    expect(await loser.claim(rec.key)).toBe(false); // finished slots are never claimed again
    expect(await loser.orphans()).toEqual([]);
  });

  it('lists a pending slot nobody claimed a while after it was due', async () => {
    const a = new PgSlotClaims(store, 'a', { ttlMs: 30_000, unclaimedMs: 1_000 });
    onTestFinished(() => a.stop());
    const old = new Date(Date.now() - 5_000);
    await a.insertNew([newRecord('telegram:1', old, old), newRecord('telegram:2', new Date(), new Date())]);
    expect((await a.orphans()).map((o) => o.subscriptionId)).toEqual(['telegram:1']);
  });
});

describe('feed claims', () => {
  it('lets one instance fetch a feed per interval', async () => {
    await store.putFeed(feed({ id: 'f1' }));
    const a = pgFeedClaim(store, 'a', 400);
    const b = pgFeedClaim(store, 'b', 400);
    const f = (await store.getFeed('f1'))!;
    const got = await Promise.all([a(f), b(f), a(f), b(f)]);
    expect(got.filter(Boolean)).toHaveLength(1);
    await store.putFeed({ ...f, failures: 1 }); // a fetch's own write keeps the claim
    expect(await b(f)).toBe(false);
    await sleep(500);
    expect(await b(f)).toBe(true);
  });
});

/** Three "instances" sending through one shared window as fast as it lets them; returns grant times. */
async function hammer(windows: SharedWindow[], ms: number): Promise<number[]> {
  const grants: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(windows.flatMap((w) => Array.from({ length: 4 }, async () => {
    while (performance.now() < end) {
      const r = await w.reserve();
      if (r.token === null) {
        await sleep(r.waitMs);
        continue;
      }
      grants.push(performance.now());
      await sleep(5); // the send
      await w.done(r.token);
    }
  })));
  return grants.sort((x, y) => x - y);
}

/** Most grants in any `windowMs` (sliding). */
function peak(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('shared send window', () => {
  it('on PostgreSQL: three instances together stay within the limit in every sliding window, and use most of it', async () => {
    const key = `t${Date.now()}`;
    const windows = [0, 1, 2].map(() => new PgWindow(store, key, 10, 500));
    const grants = await hammer(windows, 2_000);
    expect(peak(grants, 500)).toBeLessThanOrEqual(10);
    expect(grants.length).toBeGreaterThanOrEqual(30); // ≥ 75 % of the 40 the bound allows
  });

  it('on Redis: the same', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    onTestFinished(() => void redis.disconnect());
    await redis.ping().catch((err: unknown) => {
      throw new Error(`these tests need Redis at ${REDIS_URL} (set NEWSBOT_TEST_REDIS_URL to use another): ${(err as Error).message}`);
    });
    const key = `newsbot:test:${process.pid}:${Date.now()}`;
    onTestFinished(() => void redis.del(key));
    const windows = [0, 1, 2].map(() => new RedisWindow(redis, key, 10, 500));
    const grants = await hammer(windows, 2_000);
    expect(peak(grants, 500)).toBeLessThanOrEqual(10);
    expect(grants.length).toBeGreaterThanOrEqual(30);
  });
});

describe('telegram poll leader', () => {
  it('never lets two instances poll at once; when the poller loses the database, another takes over after its lease', async () => {
    let active = 0;
    let most = 0;
    const started: string[] = [];
    const starter = (who: string) => () => {
      active++;
      most = Math.max(most, active);
      started.push(who);
      return { stop: async () => void active-- };
    };
    let aDead = false;
    const aLeases = new Leases(store, 'a');
    const dying = Object.assign(Object.create(aLeases) as Leases, {
      acquire: (name: string, ttl: number) => (aDead ? Promise.reject(new Error('connection lost')) : aLeases.acquire(name, ttl)),
    });
    const opts = { ttlMs: 4_000, everyMs: 500, log: silentLogger };
    const a = pollLeader(dying, 'telegram-poll', opts)(starter('a'));
    const t = performance.now();
    while (!started.includes('a') && performance.now() - t < 10_000) await sleep(50);
    const b = pollLeader(new Leases(store, 'b'), 'telegram-poll', opts)(starter('b'));
    onTestFinished(async () => (await a.stop(), await b.stop()));
    await sleep(1_500);
    expect(started[0]).toBe('a');
    aDead = true;
    const t0 = performance.now();
    while (started[started.length - 1] !== 'b' && performance.now() - t0 < 20_000) await sleep(50);
    expect(started[started.length - 1]).toBe('b');
    expect(most).toBe(1); // never two at once, however slow the machine
    expect(active).toBe(1);
    // The lease runs out at most ttl after a's last renewal; b asks every 500 ms (generous slack for a loaded machine).
    expect(performance.now() - t0).toBeLessThan(4_000 + 500 + 5_000);
  });
});

describe('two schedulers on one database', () => {
  it('deliver each due slot exactly once between them', async () => {
    const slot = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
    const created = new Date(Date.now() - 3_600_000).toISOString();
    const times = [slot.toISOString().slice(11, 16)];
    const subs = Array.from({ length: 40 }, (_, i) => makeSub({ chatId: String(i + 1), times, createdAt: created, updatedAt: created }));
    for (const s of subs) await store.putSubscription(s);
    const sender = new FakeSender('telegram', realClock);
    const make = (holder: string) => {
      const claims = new PgSlotClaims(store, holder);
      onTestFinished(() => claims.stop());
      return createScheduler({
        store, senders: { telegram: sender }, clock: realClock, log: silentLogger, graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15,
        cron: false, claims, limits: { telegram: [] }, buildDigest: async (_s, w) => ({ digest: fakeDigest(w, 1), emptyText: 'none' }),
      });
    };
    const [x, y] = [make('x'), make('y')];
    await Promise.all([x.start(), y.start()]);
    onTestFinished(async () => (await x.stop(), await y.stop()));
    await Promise.all([x.tick(slot), y.tick(slot)]);
    await Promise.all([x.idle(), y.idle()]);
    expect(sender.sent.map((m) => m.chatId).sort()).toEqual(subs.map((s) => s.chatId).sort());
    const recs = await store.listDeliveries(undefined, 100);
    expect(recs.every((r) => r.status === 'sent')).toBe(true);
  });
});
