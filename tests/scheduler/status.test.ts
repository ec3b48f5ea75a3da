import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { statusOf } from '../../src/scheduler/status.js';
import type { Feed } from '../../src/model.js';
import { makeSub } from './helpers/fixtures.js';

describe('statusOf', () => {
  it('given subscriptions, deliveries and feeds, reports next run, last outcome, pause reason and feed health', async () => {
    const store = createMemoryStore();
    await store.putSubscription(makeSub({ chatId: '1', times: ['08:00'], timezone: 'Europe/Berlin' }));
    await store.putSubscription(makeSub({ chatId: '2', paused: { reason: 'Telegram: bot was kicked (403)', at: '2025-06-01T08:00:00.000Z' } }));
    await store.putDelivery({
      key: 'telegram:1@2025-06-01T06:00:00.000Z', subscriptionId: 'telegram:1', slot: '2025-06-01T06:00:00.000Z', status: 'failed', window: null,
      messagesSent: 1, totalMessages: 2, attempts: 5, error: 'gave up after 5 attempts: Bad Gateway', createdAt: '2025-06-01T06:00:00.000Z', updatedAt: '2025-06-01T06:01:00.000Z',
    });
    const feed: Feed = {
      id: 'f1', url: 'https://example.org/feed.xml', title: 'Example', scope: 'global', createdAt: '2025-05-01T00:00:00.000Z', etag: null, lastModified: null,
      lastFetchedAt: '2025-06-02T07:00:00.000Z', lastOkAt: '2025-06-01T07:00:00.000Z', failures: 3, lastError: 'HTTP 503', disabled: false,
      ttlMinutes: null, nextFetchAt: '2025-06-02T08:00:00.000Z', itemCount: 12,
    };
    await store.putFeed(feed);
    const s = await statusOf(store, new Date('2025-06-02T07:00:00.000Z'));
    const one = s.subscriptions.find((x) => x.id === 'telegram:1');
    expect(one).toMatchObject({ nextRun: '2025-06-03T06:00:00.000Z', paused: null, lastDelivery: { status: 'failed', error: 'gave up after 5 attempts: Bad Gateway', messagesSent: 1, totalMessages: 2 } });
    expect(s.subscriptions.find((x) => x.id === 'telegram:2')).toMatchObject({ nextRun: null, paused: { reason: 'Telegram: bot was kicked (403)' }, lastDelivery: null });
    expect(s.feeds).toEqual([{ id: 'f1', url: feed.url, title: 'Example', failures: 3, disabled: false, lastError: 'HTTP 503', lastOkAt: feed.lastOkAt, nextFetchAt: feed.nextFetchAt }]);
  });
});
