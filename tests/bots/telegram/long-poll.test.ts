import { afterEach, describe, expect, it } from 'vitest';
import { normaliseApiRoot } from '../../../src/bots/telegram/index.js';
import { ALICE, PRIVATE, recordingHandler, startHarness, until } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('long polling', () => {
  it('given getUpdates failing with 502 and then 429 retry_after 2, waits 5 s and 2 s and goes on polling', async () => {
    h = await startHarness({
      handler: recordingHandler(),
      before: (f) => f.failPolls({ error_code: 502, description: 'Bad Gateway' }, { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } }),
    });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1);
    expect(h.slept).toEqual([5000, 2000]);
    expect(h.logs.filter((l) => l.includes('getUpdates failed'))).toHaveLength(2);
  });

  it('given a batch of 40 updates, handles at most 10 of them at once, and all of them', async () => {
    let running = 0;
    let peak = 0;
    const handler = recordingHandler(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return { kind: 'text', lines: ['ok'] };
    });
    h = await startHarness({
      handler,
      // Queued before the bot starts, so they arrive in one getUpdates batch.
      before: (f) => {
        for (let i = 0; i < 40; i++) f.sendCommand({ chat: { id: 9000 + i, type: 'private' }, from: { id: 9000 + i, first_name: `U${i}` }, text: '/help' });
      },
    });
    await h.fake.waitForMessages(40, undefined, 30_000);
    expect(handler.requests).toHaveLength(40);
    expect(peak).toBeLessThanOrEqual(10);
    expect(peak).toBeGreaterThan(1);
  });

  it('given 409 Conflict (another process polls with this token), stops polling and says why', async () => {
    h = await startHarness({
      handler: recordingHandler(),
      before: (f) => f.failPolls({ error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' }),
    });
    await until(() => Boolean(h?.logs.some((l) => l.includes('polling stopped'))), 'the polling-stopped line');
    expect(h.fake.callsOf('getUpdates')).toHaveLength(1);
  });

  it('given an API root with a path, keeps the path (telegraf would drop its last segment without a trailing /)', async () => {
    expect(normaliseApiRoot('http://127.0.0.1:8081/tg')).toBe('http://127.0.0.1:8081/tg/');
    expect(normaliseApiRoot('http://127.0.0.1:8081/tg/')).toBe('http://127.0.0.1:8081/tg/');
    expect(normaliseApiRoot('https://api.telegram.org')).toBe('https://api.telegram.org');
    h = await startHarness({ handler: recordingHandler(), apiRootSuffix: '/local/api' });
    expect(h.fake.calls.map((c) => c.prefix)).toContain('/local/api');
    expect(new Set(h.fake.calls.map((c) => c.prefix))).toEqual(new Set(['/local/api']));
  });
});
