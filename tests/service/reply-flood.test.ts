/**
 * A flood of commands through the real service (in-process: registry → Telegram platform → the
 * shared outgoing queue → scheduler), the real telegraf client, and the fake Bot API enforcing
 * Telegram's limits (429 for a second message to a chat within a second, or over 30 a second).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runService } from '../../src/service.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { ingestInputs } from '../../src/ingest/ingest.js';
import { DEFAULT_COMMAND_LIMITS } from '../../src/bots/commands/context.js';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { ROOT } from './service-harness.js';

const TOKEN = '123456789:AAF-replyFloodToken_abcdefghijklmnopq';
const FLOODER = { id: 6001, type: 'private' as const };
const GROUP = -4100;
const NOTICE = /^You are sending commands too fast\./;

/** The next minute boundary at least `leadMs` away (node-cron ticks on the minute). */
function nextSlot(leadMs: number): Date {
  const now = Date.now();
  let at = Math.ceil(now / 60_000) * 60_000;
  if (at - now < leadMs) at += 60_000;
  return new Date(at);
}

/** A data folder with the sample articles and GROUP subscribed at `slot` (UTC). */
async function seed(db: string, slot: Date): Promise<void> {
  const now = new Date();
  const store = await openStore(db);
  await ingestInputs(store, [join(ROOT, 'data', 'samples')], { now: new Date(now.getTime() - 2 * 3_600_000) });
  const hhmm = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
  const created = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  await store.putSubscription({
    id: `telegram:${GROUP}`, platform: 'telegram', chatId: String(GROUP), scope: `telegram:${GROUP}`, active: true, times: [hhmm], weekdays: null,
    timezone: 'UTC', topics: [], mutes: [], maxStories: 10, paused: null, createdAt: created, updatedAt: created, lastDigestAt: null,
  });
  await store.close();
}

describe('newsbot start: one Telegram user sends 1,000 /help and /search in 10 s', () => {
  let fake: FakeBotApi;
  let root: string;
  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN, enforceLimits: true });
    root = mkdtempSync(join(tmpdir(), 'newsbot-flood-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a few, sends one slow-down notice, is never refused with 429, and delivers another chat’s digest due meanwhile on time', async () => {
    const db = join(root, 'data');
    const slot = nextSlot(25_000);
    await seed(db, slot);
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, NEWSBOT_LOG_LEVEL: 'error' }, { dataDir: db });
    let stop!: (s: string) => void;
    const running = runService(config, { signal: new Promise<string>((resolve) => (stop = resolve)) });
    try {
      await vi.waitUntil(() => fake.calls.some((c) => c.method === 'getUpdates'), { timeout: 30_000, interval: 50 });
      // The flood runs from 5 s before the slot to 5 s after it: 10 commands every 100 ms.
      await new Promise((r) => setTimeout(r, Math.max(0, slot.getTime() - 5_000 - Date.now())));
      let last = 0;
      let n = 0;
      const flood = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          for (let k = 0; k < 10; k++, n++) {
            last = fake.sendCommand({ chat: FLOODER, from: { id: FLOODER.id, first_name: 'Flo' }, text: n % 2 ? '/search tram' : '/help' });
          }
          if (n >= 1000) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
      });
      const digest = await fake.waitForMessages(1, String(GROUP), 60_000);
      const digestAt = Date.now();
      await flood;
      await fake.waitForConfirmed(last, 60_000);
      const toFlooder = () => fake.sent.filter((m) => m.chat_id === String(FLOODER.id));
      await fake.waitFor(() => (toFlooder().some((m) => NOTICE.test(m.visible)) ? true : null), 'the slow-down notice', 30_000);
      // Nothing more comes once the queue has drained (the replies were queued when their updates were handled).
      await new Promise((r) => setTimeout(r, 4_000));

      const replies = toFlooder();
      const notices = replies.filter((m) => NOTICE.test(m.visible));
      console.log(`reply flood: ${n} commands in 10 s from one chat; ${replies.length - notices.length} answers + ${notices.length} notice; ` +
        `429s ${fake.counts.tooManyRequests}; the other chat's digest ${digestAt - slot.getTime()} ms after its slot`);
      expect(notices).toHaveLength(1);
      expect(replies.length - notices.length).toBeGreaterThan(0);
      expect(replies.length - notices.length).toBeLessThanOrEqual(DEFAULT_COMMAND_LIMITS.user.limit);
      expect(fake.counts.tooManyRequests).toBe(0);
      expect(fake.refused.filter((r) => r.method === 'sendMessage')).toEqual([]);
      // On time: the slot's digest came within seconds of the slot, while the flood went on (until slot + 5 s).
      expect(digest[0]!.visible).toMatch(/Tram/);
      expect(digestAt).toBeGreaterThanOrEqual(slot.getTime());
      expect(digestAt - slot.getTime()).toBeLessThan(15_000);
    } finally {
      stop('test');
      expect(await running).toBe(0);
    }
  }, 180_000);
});
