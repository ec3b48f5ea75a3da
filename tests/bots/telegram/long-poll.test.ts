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
