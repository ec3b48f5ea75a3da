import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTelegramBot, TelegramStartError } from '../../../src/bots/telegram/index.js';
import { FakeBotApi } from '../../fakes/telegram/fake-bot-api.js';
import { ALICE, GROUP, NOW, PRIVATE, RecordingEvents, TOKEN, rawLogger, recordingHandler, startHarness, until } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const BAD_TOKEN_LINE = 'Telegram: the bot token was rejected (401 Unauthorized); check TELEGRAM_BOT_TOKEN from @BotFather';

describe('Telegram bot failures', () => {
  it('given a handler that throws on one update, logs it and keeps polling', async () => {
    const handler = recordingHandler((req) => {
      if (req.args[0] === 'boom') throw new Error('handler exploded');
      return { kind: 'text', lines: ['fine'] };
    });
    h = await startHarness({ handler });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/search boom' });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/search calm' });
    const [sent] = await h.fake.waitForMessages(1);
    expect(sent?.visible).toBe('fine');
    await until(() => Boolean(h?.logs.some((l) => l.includes('Telegram: update failed') && l.includes('handler exploded'))), 'the update-failed line');
    // Polling went on: a third command is answered too.
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(2);
  });

  it('given 403 "bot was blocked by the user" on a reply, pauses that chat with the reason', async () => {
    h = await startHarness({ handler: recordingHandler(), before: (f) => f.failSends(PRIVATE.id, { kind: 'blocked' }) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await until(() => Boolean(h?.events.paused.length), 'a pause');
    expect(h.events.paused).toEqual([{ platform: 'telegram', chatId: '5001', reason: 'Telegram: bot was blocked by the user (403)', now: NOW }]);
    expect(h.fake.sent).toEqual([]);
  });

  it('given 429 with retry_after 3 on a reply, waits 3 s and sends it', async () => {
    h = await startHarness({ handler: recordingHandler(), before: (f) => f.failSends(PRIVATE.id, { kind: 'rate-limited', retryAfter: 3 }, 1) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1, PRIVATE.id);
    // The outgoing queue held the chat for the 3 s Telegram asked (queue.test.ts checks the hold itself).
    expect(h.logs.filter((l) => l.includes('rate limited; the chat waits') && l.includes('"retryAfterMs":3000'))).toHaveLength(1);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(2);
  });

  it('given 429 on every try, gives up after 3 tries, logs it and keeps polling', async () => {
    h = await startHarness({ handler: recordingHandler(), before: (f) => f.failSends(GROUP.id, { kind: 'rate-limited', retryAfter: 1 }) });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/help' });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1, PRIVATE.id);
    await until(() => Boolean(h?.logs.some((l) => l.includes('reply not sent'))), 'the give-up log line');
    expect(h.fake.callsOf('sendMessage').filter((b) => b.chat_id === String(GROUP.id))).toHaveLength(3);
    expect(h.logs.filter((l) => l.includes('rate limited; the chat waits') && l.includes('"retryAfterMs":1000'))).toHaveLength(2);
    expect(h.events.paused).toEqual([]);
  });

  it('given a 400 with migrate_to_chat_id on a reply, reports the migration and sends to the supergroup', async () => {
    h = await startHarness({ handler: recordingHandler(), before: (f) => f.failSends(GROUP.id, { kind: 'migrated', to: -1009999 }) });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1, -1009999);
    expect(h.events.migrated).toEqual([{ platform: 'telegram', from: '-4001', to: '-1009999' }]);
  });

  it('given a service message with migrate_to_chat_id (and its twin migrate_from_chat_id), reports one migration', async () => {
    h = await startHarness({ handler: recordingHandler() });
    h.fake.sendUpdate({ message: { message_id: 9, date: 1, chat: GROUP, migrate_to_chat_id: -1005555 } });
    const last = h.fake.sendUpdate({ message: { message_id: 1, date: 1, chat: { id: -1005555, type: 'supergroup', title: 'x' }, migrate_from_chat_id: GROUP.id } });
    await h.fake.waitForConfirmed(last);
    expect(h.events.migrated).toEqual([{ platform: 'telegram', from: '-4001', to: '-1005555' }]);
  });

  it('given the bot removed from a group (my_chat_member kicked), pauses that chat', async () => {
    h = await startHarness({ handler: recordingHandler() });
    const id = h.fake.sendUpdate({
      my_chat_member: {
        chat: GROUP, from: { ...ALICE, is_bot: false }, date: 1,
        old_chat_member: { status: 'member', user: { id: 777, is_bot: true, first_name: 'Newsbot' } },
        new_chat_member: { status: 'kicked', until_date: 0, user: { id: 777, is_bot: true, first_name: 'Newsbot' } },
      },
    });
    await h.fake.waitForConfirmed(id);
    expect(h.events.paused.map((p) => [p.chatId, p.reason])).toEqual([['-4001', 'Telegram: the bot was removed from the chat (kicked)']]);
  });

  it.each([401, 404] as const)('given a wrong token (%i), start-up rejects with one clear line and no token', async (status) => {
    const fake = await FakeBotApi.start({ token: 'another-token', wrongTokenStatus: status });
    const logs: string[] = [];
    try {
      const err = await startTelegramBot({
        config: { token: TOKEN, apiRoot: fake.apiRoot, webhookUrl: null, webhookPort: 0 },
        handler: recordingHandler(), events: new RecordingEvents(), admins: [],
        log: rawLogger(logs),
      }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(TelegramStartError);
      const message = (err as Error).message;
      expect(message).toBe(status === 401 ? BAD_TOKEN_LINE : BAD_TOKEN_LINE.replace('401 Unauthorized', '404 Not Found'));
      expect(message.split('\n')).toHaveLength(1);
      expect(`${message}${logs.join('')}`).not.toContain(TOKEN);
      expect(fake.calls).toEqual([]); // nothing accepted: only getMe was tried, with the wrong token
    } finally {
      await fake.close();
    }
  });

  it('given an unreachable Bot API, start-up rejects naming TELEGRAM_API_ROOT, without the token', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await startTelegramBot({
      config: { token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, webhookUrl: null, webhookPort: 0 },
      handler: recordingHandler(), events: new RecordingEvents(), admins: [], log: rawLogger([]),
    }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toBe(`Telegram: could not reach the Bot API at http://127.0.0.1:${port} (ECONNREFUSED); check TELEGRAM_API_ROOT and the network`);
  });

  it('given a session full of failures, no log line ever holds the token', async () => {
    h = await startHarness({
      handler: recordingHandler((req) => {
        if (req.command === 'search') throw new Error(`request to http://127.0.0.1/bot${TOKEN}/sendMessage failed`);
        return { kind: 'text', lines: ['ok'] };
      }),
      before: (f) => {
        f.failSetMyCommands = true;
        f.failSends(GROUP.id, { kind: 'server-error' });
        f.failSends(-4002, { kind: 'blocked' });
      },
    });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/search x' });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/help' });
    h.fake.sendCommand({ chat: { id: -4002, type: 'group' }, from: ALICE, text: '/help' });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1, PRIVATE.id);
    await until(() => Boolean(h?.events.paused.length), 'the pause');
    await h.bot.stop();
    expect(h.logs.length).toBeGreaterThan(3);
    expect(h.logs.filter((l) => l.includes('[redacted]')).length).toBeGreaterThan(0);
    for (const line of h.logs) expect(line).not.toContain(TOKEN);
  });

  it('given stop(), ends the long poll and confirms the handled updates', async () => {
    h = await startHarness({ handler: recordingHandler() });
    const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1);
    await h.bot.stop();
    await h.fake.waitForConfirmed(id);
    await h.fake.waitFor(() => (h?.fake.pendingPolls === 0 ? true : null), 'no long poll held open');
    // The last call was the offset confirmation (no timeout), not a new long poll.
    expect(h.fake.callsOf('getUpdates').at(-1)).toMatchObject({ offset: id + 1, limit: 1, timeout: 0 });
  });
});
