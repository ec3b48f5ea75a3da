import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { deliveryState, lastDeliveryText } from '../../src/scheduler/delivery-status.js';
import { makeSub } from './helpers/fixtures.js';

describe('deliveryState (the one status behind /status and newsbot status)', () => {
  it('given a subscription with a failed slot and a paused one, reports next run, last outcome and no next run while paused', async () => {
    const store = createMemoryStore();
    const live = makeSub({ chatId: '1', times: ['08:00'], timezone: 'Europe/Berlin' });
    const paused = makeSub({ chatId: '2', paused: { reason: 'Telegram: bot was kicked (403)', at: '2025-06-01T08:00:00.000Z' } });
    await store.putSubscription(live);
    await store.putSubscription(paused);
    await store.putDelivery({
      key: 'telegram:1@2025-06-01T06:00:00.000Z', subscriptionId: 'telegram:1', slot: '2025-06-01T06:00:00.000Z', status: 'failed', window: null,
      messagesSent: 1, totalMessages: 2, attempts: 5, error: 'gave up after 5 attempts: Bad Gateway', createdAt: '2025-06-01T06:00:00.000Z', updatedAt: '2025-06-01T06:01:00.000Z',
    });
    const now = new Date('2025-06-02T07:00:00.000Z');
    const one = await deliveryState(store, live, now);
    expect(one.next?.toISOString()).toBe('2025-06-03T06:00:00.000Z');
    expect(lastDeliveryText(one.last, (d) => d.toISOString())).toBe('2025-06-01T06:00:00.000Z, failed (gave up after 5 attempts: Bad Gateway)');
    const two = await deliveryState(store, paused, now);
    expect(two).toEqual({ next: null, last: null });
    expect(lastDeliveryText(two.last, String)).toBeNull();
  });
});
