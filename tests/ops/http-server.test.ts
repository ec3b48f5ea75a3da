import { describe, expect, it, onTestFinished } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsServer } from '../../src/ops/http-server.js';
import { feed } from '../store/fixtures.js';

describe('ops server', () => {
  it('answers /healthz while the store answers (503 once it does not) and /metrics in Prometheus text', async () => {
    const store = createMemoryStore();
    await store.putFeed(feed({ id: 'f1' }));
    await store.putFeed(feed({ id: 'f2', failures: 3 }));
    const metrics = createMetrics({ store, queueDepth: () => ({ telegram: 7 }) });
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', store, metrics, info: { store: 'lowdb' } });
    onTestFinished(() => ops.close());
    const base = `http://127.0.0.1:${ops.port}`;

    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', store: 'lowdb' });

    metrics.slotDone('telegram', 'sent');
    metrics.slotDone('telegram', 'sent');
    metrics.slotDone('discord', 'failed');
    await metrics.timeDigest(async () => 1);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('newsbot_deliveries_total{platform="telegram",outcome="sent"} 2');
    expect(text).toContain('newsbot_delivery_failures_total{platform="discord"} 1');
    expect(text).toContain('newsbot_send_queue_depth{platform="telegram"} 7');
    expect(text).toContain('newsbot_feeds{health="failing"} 1');
    expect(text).toContain('newsbot_feeds{health="ok"} 1');
    expect(text).toMatch(/newsbot_digest_build_seconds_count 1/);

    await store.close();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { status: string }).status).toBe('store unavailable');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('says which port is taken and what to set', async () => {
    const store = createMemoryStore();
    const metrics = createMetrics({ store, queueDepth: () => ({}) });
    const a = await startOpsServer({ port: 0, host: '127.0.0.1', store, metrics, info: {} });
    onTestFinished(() => a.close());
    await expect(startOpsServer({ port: a.port, host: '127.0.0.1', store, metrics, info: {} })).rejects.toThrow(/could not listen on port \d+ \(EADDRINUSE\); set NEWSBOT_HTTP_PORT/);
  });
});
