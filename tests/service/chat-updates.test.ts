import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { startService } from './service-harness.js';

const TOKEN = '123456789:AAF-chatUpdatesTestToken_abcdefghijk';
const CHATS = 100;

describe('newsbot start: two commands from one chat in one getUpdates batch', () => {
  let fake: FakeBotApi;
  let root: string;
  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN });
    root = mkdtempSync(join(tmpdir(), 'newsbot-chat-updates-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('applies both: every chat ends subscribed (active) with its topic', async () => {
    const db = join(root, 'data');
    // Queued before the service polls, so each chat's pair arrives in the same batch of 100.
    let last = 0;
    for (let i = 1; i <= CHATS; i++) {
      const chat = { id: 7000 + i, type: 'private' as const };
      const from = { id: 7000 + i, first_name: `U${i}` };
      fake.sendCommand({ chat, from, text: '/subscribe 07:17 UTC' });
      last = fake.sendCommand({ chat, from, text: `/topics add word${i}` });
    }
    const svc = startService(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    try {
      await fake.waitForConfirmed(last, 90_000);
      await fake.waitForMessages(2 * CHATS, undefined, 90_000);
    } finally {
      expect((await svc.stop()).code).toBe(0);
    }
    const store = await openStore(db);
    try {
      const subs = await store.listSubscriptions();
      expect(subs).toHaveLength(CHATS);
      const wrong = subs.filter((s) => !s.active || s.times.join() !== '07:17' || s.topics.join() !== `word${Number(s.chatId) - 7000}`);
      expect(wrong.map((s) => s.id)).toEqual([]);
    } finally {
      await store.close();
    }
    const subscribed = fake.sent.filter((m) => m.visible.startsWith('Subscribed'));
    expect(subscribed).toHaveLength(CHATS);
  }, 180_000);
});
