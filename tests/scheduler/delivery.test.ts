import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/scheduler/sender.js';
import { backoffMs, DEFAULT_RETRY } from '../../src/scheduler/delivery.js';
import { makeSub } from './helpers/fixtures.js';
import { harness, tickAt } from './helpers/harness.js';

const START = '2025-06-02T07:00:00.000Z';
const SLOT = '2025-06-02T08:00:00.000Z';
const key = (id: string, slot = SLOT) => `${id}@${slot}`;

describe('delivering a slot', () => {
  it('given a due subscription, sends every message, records sent, and moves lastDigestAt to the slot', async () => {
    const h = await harness(START, [makeSub({ chatId: '1' })]);
    h.stories = 3;
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    expect(h.telegram.sent.map((s) => s.chatId)).toEqual(['1', '1', '1']);
    const rec = await h.store.getDelivery(key('telegram:1'));
    expect(rec).toMatchObject({ status: 'sent', messagesSent: 3, totalMessages: 3, attempts: 1, error: null });
    expect(rec?.window).toEqual({ from: '2025-06-01T08:00:00.000Z', to: SLOT }); // capped at 24 h
    expect((await h.store.getSubscription('telegram:1'))?.lastDigestAt).toBe(SLOT);
    expect(h.logs.some((l) => l.msg === 'digest sent' && l.subscription === 'telegram:1')).toBe(true);
  });

  it('given a previous digest, the next window starts where the last one ended', async () => {
    const h = await harness(START, [makeSub({ chatId: '1', times: ['08:00', '12:00'] })]);
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    await tickAt(h, '2025-06-02T12:00:00.000Z');
    expect(h.windows.map((w) => [w.from, w.to])).toEqual([
      ['2025-06-01T08:00:00.000Z', SLOT],
      [SLOT, '2025-06-02T12:00:00.000Z'],
    ]);
  });

  it('given a 429 with retry_after 7 s, waits 7 s and sends again, and records the wait', async () => {
    const h = await harness(START, [makeSub({ chatId: '1' })]);
    h.stories = 1;
    h.telegram.failWith = (_c, _m, call) => (call === 1 ? new DeliveryError('rate-limited', 'Telegram: Too Many Requests: retry after 7', 7000) : null);
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    expect(h.telegram.calls.map((c) => c.at)).toEqual([SLOT, '2025-06-02T08:00:07.000Z']);
    expect(await h.store.getDelivery(key('telegram:1'))).toMatchObject({ status: 'sent', attempts: 2, messagesSent: 1 });
  });

  it('given transient errors every time, backs off exponentially with jitter, then records failed after 5 attempts', async () => {
    const h = await harness(START, [makeSub({ chatId: '1' })]);
    h.telegram.failWith = () => new DeliveryError('transient', 'Telegram: Bad Gateway');
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    const times = h.telegram.calls.map((c) => (Date.parse(c.at) - Date.parse(SLOT)) / 1000);
    // random() = 0.5 → 3/4 of 2, 4, 8, 16 s; each send also waits the 1 s per-chat window.
    expect(times).toEqual([0, 1.5, 4.5, 10.5, 22.5]);
    const rec = await h.store.getDelivery(key('telegram:1'));
    expect(rec).toMatchObject({ status: 'failed', messagesSent: 0, attempts: 6 });
    expect(rec?.error).toMatch(/gave up after 5 attempts: Telegram: Bad Gateway/);
    expect((await h.store.getSubscription('telegram:1'))?.lastDigestAt).toBeNull(); // next digest covers this window too
    expect(h.logs.some((l) => l.level === 'error' && l.msg === 'digest delivery failed')).toBe(true);
  });

  it('given a transient error then success, sends once more and records sent', async () => {
    const h = await harness(START, [makeSub({ chatId: '1' })]);
    h.stories = 1;
    h.telegram.failWith = (_c, _m, call) => (call === 1 ? new DeliveryError('transient', 'socket hang up') : null);
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    expect(h.telegram.sent).toHaveLength(1);
    expect(await h.store.getDelivery(key('telegram:1'))).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('given a permanent error, pauses the subscription with the reason and records paused; later slots are not scheduled', async () => {
    const h = await harness(START, [makeSub({ chatId: '1', times: ['08:00', '12:00'] })]);
    h.telegram.failWith = () => new DeliveryError('permanent', 'Telegram: bot was blocked by the user (403)');
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    const sub = await h.store.getSubscription('telegram:1');
    expect(sub?.paused).toEqual({ reason: 'Telegram: bot was blocked by the user (403)', at: SLOT });
    expect(await h.store.getDelivery(key('telegram:1'))).toMatchObject({ status: 'paused', error: 'Telegram: bot was blocked by the user (403)' });
    await tickAt(h, '2025-06-02T12:00:00.000Z');
    expect(await h.store.getDelivery(key('telegram:1', '2025-06-02T12:00:00.000Z'))).toBeNull();
    expect(h.telegram.calls).toHaveLength(1);
    expect(h.scheduler.nextRuns().has('telegram:1')).toBe(false);
  });

  it('given a group migrated to a supergroup, moves the subscription to the new chat id and delivers there', async () => {
    const h = await harness(START, [makeSub({ chatId: '-123' })]);
    h.telegram.failWith = (chat) => (chat === '-123' ? new DeliveryError('permanent', 'group chat was upgraded to a supergroup chat', null, '-100999') : null);
    await h.run(h.scheduler.start());
    await tickAt(h, SLOT);
    expect(h.telegram.sent.map((s) => s.chatId)).toEqual(['-100999', '-100999']);
    expect(await h.store.getSubscription('telegram:-123')).toBeNull();
    const moved = await h.store.getSubscription('telegram:-100999');
    expect(moved).toMatchObject({ chatId: '-100999', scope: 'telegram:-100999', lastDigestAt: SLOT, paused: null });
    expect(await h.store.getDelivery(key('telegram:-123'))).toMatchObject({ status: 'skipped', error: `chat migrated; continued as ${key('telegram:-100999')}` });
    expect(await h.store.getDelivery(key('telegram:-100999'))).toMatchObject({ status: 'sent', messagesSent: 2 });
    await tickAt(h, '2025-06-02T08:01:00.000Z'); // the next tick re-indexes the moved subscription
    expect(h.scheduler.nextRuns().get('telegram:-100999')?.toISOString()).toBe('2025-06-03T08:00:00.000Z');
    expect(h.scheduler.nextRuns().has('telegram:-123')).toBe(false);
  });

  it('given a record left mid-digest by a crash, resumes at messagesSent with the stored window', async () => {
    const h = await harness('2025-06-02T08:05:00.000Z', [makeSub({ chatId: '1' })]);
    h.stories = 3;
    const window = { from: '2025-06-01T20:00:00.000Z', to: SLOT };
    await h.store.putDelivery({
      key: key('telegram:1'), subscriptionId: 'telegram:1', slot: SLOT, status: 'sending', window,
      messagesSent: 2, totalMessages: 3, attempts: 1, error: null, createdAt: SLOT, updatedAt: SLOT,
    });
    await h.run(h.scheduler.start());
    await h.run(h.scheduler.idle());
    expect(h.windows).toEqual([{ id: 'telegram:1', ...window }]);
    expect(h.telegram.sent.map((s) => s.message)).toEqual([`${SLOT} story 3`]);
    expect(await h.store.getDelivery(key('telegram:1'))).toMatchObject({ status: 'sent', messagesSent: 3, attempts: 2 });
  });
});

describe('backoffMs', () => {
  it('doubles from the base, stays within [half, full] of it, and is capped', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 0)).toBe(1000);
    expect(backoffMs(1, DEFAULT_RETRY, () => 1)).toBe(2000);
    expect(backoffMs(3, DEFAULT_RETRY, () => 1)).toBe(8000);
    expect(backoffMs(20, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});
