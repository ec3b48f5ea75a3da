import { describe, expect, it } from 'vitest';
import { makeSub } from './helpers/fixtures.js';
import { harness, tickAt } from './helpers/harness.js';

const DAY1 = '2025-06-02';

describe('scheduler ticks', () => {
  it('given subscriptions in several zones, a tick delivers only those due and indexes their next run', async () => {
    const h = await harness(`${DAY1}T05:00:00.000Z`, [
      makeSub({ chatId: '1', times: ['08:00'] }), // UTC
      makeSub({ chatId: '2', times: ['10:00'], timezone: 'Europe/Berlin' }), // 08:00Z in summer
      makeSub({ chatId: '3', times: ['08:00'], timezone: 'America/New_York' }), // 12:00Z
    ]);
    await h.run(h.scheduler.start());
    expect(h.scheduler.nextRuns().get('telegram:3')?.toISOString()).toBe(`${DAY1}T12:00:00.000Z`);
    await tickAt(h, `${DAY1}T08:00:00.000Z`);
    expect(new Set(h.telegram.sent.map((s) => s.chatId))).toEqual(new Set(['1', '2']));
    expect(h.scheduler.nextRuns().get('telegram:1')?.toISOString()).toBe('2025-06-03T08:00:00.000Z');
  });

  it('given the same tick twice, delivers each slot once', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1' })]);
    await h.run(h.scheduler.start());
    await tickAt(h, `${DAY1}T08:00:00.000Z`);
    await h.run(h.scheduler.tick(new Date(`${DAY1}T08:00:00.000Z`)));
    await h.run(h.scheduler.idle());
    expect(h.telegram.sent).toHaveLength(2); // one digest of two stories
  });

  it('given ticks that came late (busy machine), delivers every slot in between, in order, once', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1', times: ['08:00', '09:00', '10:00'] })]);
    h.stories = 1;
    await h.run(h.scheduler.start());
    await tickAt(h, `${DAY1}T10:30:00.000Z`);
    expect(h.windows.map((w) => w.to)).toEqual([`${DAY1}T08:00:00.000Z`, `${DAY1}T09:00:00.000Z`, `${DAY1}T10:00:00.000Z`]);
    expect(h.telegram.sent).toHaveLength(3);
  });

  it('given a subscription changed, added, paused or removed while running, the next tick follows the change', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1' }), makeSub({ chatId: '2' }), makeSub({ chatId: '3' })]);
    await h.run(h.scheduler.start());
    const at = `${DAY1}T07:30:00.000Z`;
    const one = await h.store.getSubscription('telegram:1');
    await h.store.putSubscription({ ...one!, times: ['09:00'], updatedAt: at });
    const two = await h.store.getSubscription('telegram:2');
    await h.store.putSubscription({ ...two!, paused: { reason: 'kicked', at }, updatedAt: at });
    await h.store.removeSubscription('telegram:3');
    await h.store.putSubscription(makeSub({ chatId: '4', times: ['07:45'], createdAt: at, updatedAt: at }));
    await tickAt(h, `${DAY1}T07:31:00.000Z`);
    expect([...h.scheduler.nextRuns()].map(([id, d]) => [id, d.toISOString()]).sort()).toEqual([
      ['telegram:1', `${DAY1}T09:00:00.000Z`],
      ['telegram:4', `${DAY1}T07:45:00.000Z`],
    ]);
    await tickAt(h, `${DAY1}T09:00:00.000Z`);
    expect(new Set(h.telegram.sent.map((s) => s.chatId))).toEqual(new Set(['1', '4']));
  });

  it('given an inactive subscription, never schedules it', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1', active: false })]);
    await h.run(h.scheduler.start());
    await tickAt(h, `${DAY1}T08:00:00.000Z`);
    expect(h.telegram.calls).toEqual([]);
    expect(await h.store.listDeliveries()).toEqual([]);
  });

  it('polls feeds at start and then every feedPollMinutes, and survives a failing poll', async () => {
    let calls = 0;
    const h = await harness(`${DAY1}T07:00:00.000Z`, [], {
      pollFeeds: async () => {
        calls++;
        if (calls === 2) throw new Error('feed server down');
      },
    });
    await h.run(h.scheduler.start());
    for (let m = 1; m <= 31; m++) await tickAt(h, `${DAY1}T07:${String(m).padStart(2, '0')}:00.000Z`);
    expect(calls).toBe(3); // 07:00, 07:15, 07:30
    expect(h.logs.some((l) => l.msg === 'feed polling failed' && l.error === 'feed server down')).toBe(true);
  });

  it('given stop(), resolves and takes no more work', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1' })]);
    await h.run(h.scheduler.start());
    await h.run(h.scheduler.stop());
    await tickAt(h, `${DAY1}T08:00:00.000Z`);
    expect(h.telegram.calls).toEqual([]);
  });

  it('given a send that hangs, stop() still resolves after stopTimeoutMs and says so', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1' })]);
    h.telegram.send = () => new Promise<void>(() => undefined);
    await h.run(h.scheduler.start());
    await h.clock.advanceTo(`${DAY1}T08:00:00.000Z`);
    await h.run(h.scheduler.tick());
    await h.run(h.scheduler.stop());
    expect(h.clock.now().toISOString()).toBe(`${DAY1}T08:00:08.000Z`);
    expect(h.logs.some((l) => l.level === 'warn' && /still in flight/.test(l.msg))).toBe(true);
  });

  it('given stop() during a retry wait, ends the wait and leaves the record to resume', async () => {
    const h = await harness(`${DAY1}T07:00:00.000Z`, [makeSub({ chatId: '1' })]);
    const { DeliveryError } = await import('../../src/scheduler/sender.js');
    h.telegram.failWith = () => new DeliveryError('transient', 'Bad Gateway');
    await h.run(h.scheduler.start());
    await h.clock.advanceTo(`${DAY1}T08:00:00.000Z`);
    await h.run(h.scheduler.tick());
    await h.clock.advanceTo(`${DAY1}T08:00:00.500Z`); // first send failed; backing off
    await h.run(h.scheduler.stop());
    expect(h.telegram.calls).toHaveLength(1);
    expect(await h.store.getDelivery(`telegram:1@${DAY1}T08:00:00.000Z`)).toMatchObject({ status: 'sending', messagesSent: 0 });
    expect(h.clock.pending).toBe(0); // no timer left to keep the process alive
  });
});

describe('catch-up on start', () => {
  const sent = (slot: string) => ({
    key: `telegram:1@${slot}`, subscriptionId: 'telegram:1', slot, status: 'sent' as const, window: { from: slot, to: slot },
    messagesSent: 1, totalMessages: 1, attempts: 1, error: null, createdAt: slot, updatedAt: slot,
  });

  it('given slots missed while down, delivers those within the grace period once and records older ones as skipped', async () => {
    // Last delivered 2025-06-01 20:00; down until 2025-06-02 11:00. Grace 6 h.
    const sub = makeSub({ chatId: '1', times: ['02:00', '04:00', '06:00', '08:00', '20:00'], lastDigestAt: '2025-06-01T20:00:00.000Z' });
    const h = await harness(`${DAY1}T11:00:00.000Z`, [sub]);
    await h.store.putDelivery(sent('2025-06-01T20:00:00.000Z'));
    await h.run(h.scheduler.start());
    await h.run(h.scheduler.idle());
    const status = async (t: string) => (await h.store.getDelivery(`telegram:1@${DAY1}T${t}:00.000Z`))?.status;
    expect(await status('02:00')).toBe('skipped');
    expect(await status('04:00')).toBe('skipped');
    expect(await status('06:00')).toBe('sent'); // 5 h late: within grace
    expect(await status('08:00')).toBe('sent');
    expect((await h.store.getDelivery(`telegram:1@${DAY1}T02:00:00.000Z`))?.error).toMatch(/older than the 6 h catch-up grace period/);
    expect(h.windows.map((w) => [w.from, w.to])).toEqual([
      ['2025-06-01T20:00:00.000Z', `${DAY1}T06:00:00.000Z`], // the skipped slots' news is not lost
      [`${DAY1}T06:00:00.000Z`, `${DAY1}T08:00:00.000Z`],
    ]);
    // A second start finds nothing left to do.
    const before = h.telegram.sent.length;
    await h.run(h.scheduler.stop());
    const { createScheduler } = await import('../../src/scheduler/scheduler.js');
    const again = createScheduler({ store: h.store, senders: { telegram: h.telegram }, clock: h.clock, log: (await import('../../src/log.js')).silentLogger, graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15, cron: false, buildDigest: async () => { throw new Error('must not build'); } });
    await h.run(again.start());
    await h.run(again.idle());
    expect(h.telegram.sent.length).toBe(before);
  });

  it('given a subscription created during the downtime, creates no record for slots before it existed', async () => {
    const sub = makeSub({ chatId: '1', times: ['06:00', '08:00'], createdAt: `${DAY1}T07:00:00.000Z`, updatedAt: `${DAY1}T07:00:00.000Z` });
    const h = await harness(`${DAY1}T09:00:00.000Z`, [sub]);
    await h.run(h.scheduler.start());
    await h.run(h.scheduler.idle());
    expect((await h.store.listDeliveries('telegram:1')).map((d) => [d.slot, d.status])).toEqual([[`${DAY1}T08:00:00.000Z`, 'sent']]);
  });

  it('given a resubscribe after a pause, does not treat the paused days as missed', async () => {
    const sub = makeSub({ chatId: '1', times: ['08:00'], updatedAt: `${DAY1}T06:00:00.000Z` });
    const h = await harness(`${DAY1}T09:00:00.000Z`, [sub]);
    await h.store.putDelivery({ ...sent('2025-05-28T08:00:00.000Z'), status: 'paused' });
    await h.run(h.scheduler.start());
    await h.run(h.scheduler.idle());
    expect((await h.store.listDeliveries('telegram:1')).map((d) => [d.slot, d.status])).toEqual([
      [`${DAY1}T08:00:00.000Z`, 'sent'],
      ['2025-05-28T08:00:00.000Z', 'paused'],
    ]);
  });

  it('given a crash after the record said sent but before lastDigestAt moved, repairs lastDigestAt', async () => {
    const sub = makeSub({ chatId: '1', times: ['08:00'], lastDigestAt: null });
    const h = await harness(`${DAY1}T08:30:00.000Z`, [sub]);
    await h.store.putDelivery({ ...sent(`${DAY1}T08:00:00.000Z`), window: { from: '2025-06-01T08:00:00.000Z', to: `${DAY1}T08:00:00.000Z` } });
    await h.run(h.scheduler.start());
    expect((await h.store.getSubscription('telegram:1'))?.lastDigestAt).toBe(`${DAY1}T08:00:00.000Z`);
    expect(h.telegram.calls).toEqual([]);
  });
});
