import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { seedDataFolder, startService } from './service-harness.js';

const TOKEN = '123456789:AAF-serviceTestToken_abcdefghijklmnopq';
const GROUP = -4001;

describe('newsbot start with a Telegram token (real telegraf, fake Bot API)', () => {
  let fake: FakeBotApi;
  let data: { db: string; remove(): void };
  const outputs: string[] = [];
  const env = (apiRoot: string) => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, NEWSBOT_LOG_LEVEL: 'debug' });

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN });
    data = await seedDataFolder({ platform: 'telegram', chatId: String(GROUP), scope: `telegram:${GROUP}` }, 20);
  });
  afterAll(async () => {
    await fake.close();
    data.remove();
  });

  it('catches up the missed slot, answers commands, and stops on SIGTERM with exit 0', async () => {
    const svc = startService(data.db, env(fake.apiRoot));
    try {
      const delivered = await fake.waitForMessages(1, String(GROUP), 20_000);
      expect(delivered[0]!.visible).toMatch(/Tram/);
      expect(delivered[0]!.parse_mode).toBe('HTML');

      fake.sendCommand({ chat: { id: 5001, type: 'private' }, from: { id: 5001, first_name: 'Ann' }, text: '/latest 3' });
      const replies = await fake.waitForMessages(1, '5001', 10_000);
      expect(replies[0]!.visible).toMatch(/Latest 3 articles/);
      expect(fake.commands).not.toBeNull();
    } finally {
      const { code, ms } = await svc.stop();
      outputs.push(svc.output());
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('after a restart, does not deliver the same slot again', async () => {
    const before = fake.sent.filter((m) => m.chat_id === String(GROUP)).length;
    const svc = startService(data.db, env(fake.apiRoot));
    try {
      fake.sendCommand({ chat: { id: 5001, type: 'private' }, from: { id: 5001, first_name: 'Ann' }, text: '/help' });
      await fake.waitForMessages(2, '5001', 15_000);
    } finally {
      await svc.stop();
      outputs.push(svc.output());
    }
    expect(fake.sent.filter((m) => m.chat_id === String(GROUP)).length).toBe(before);
  });

  it('never writes the token anywhere in its output', () => {
    expect(outputs.join('\n')).not.toContain(TOKEN);
    expect(outputs.join('\n')).not.toContain(TOKEN.split(':')[1]);
  });

  it('with a wrong token, ends with one clear line and exit 1, without the token', async () => {
    const wrong = await FakeBotApi.start({ token: '999:other' });
    const svc = startService(data.db, env(wrong.apiRoot));
    const code = await svc.exited;
    await wrong.close();
    expect(code).toBe(1);
    const lines = svc.output().trim().split('\n').filter((l) => !l.startsWith('{'));
    expect(lines).toEqual([expect.stringMatching(/^newsbot: Telegram: the bot token was rejected/)]);
    expect(svc.output()).not.toContain(TOKEN.split(':')[1]);
  });
});
