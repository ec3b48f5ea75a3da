/**
 * Telegram long-poll takeover on the real PostgreSQL: two instances (the real Telegram bot with
 * the poll leader and the shared poll position) against the fake Bot API, which, like Telegram,
 * sends an update again until a later getUpdates offset confirms it. The first poller dies in the
 * middle of a batch (its database gone, one update's handler never finishing); the second resumes
 * from the stored position: every update is answered once, the unfinished one by the new poller.
 */
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startTelegramBot } from '../../src/bots/telegram/index.js';
import type { CommandHandler } from '../../src/bots/commands/types.js';
import { Leases } from '../../src/cluster/leases.js';
import { pollLeader } from '../../src/cluster/poll-leader.js';
import { pgPollCursor } from '../../src/cluster/poll-cursor.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { silentLogger } from '../../src/log.js';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { usePostgresStore } from '../helpers/postgres.js';

const TOKEN = '123456:TEST-poll-takeover';
const noop = { pause: async () => {}, migrate: async () => {} };

const pg = usePostgresStore('poll_takeover');
let store: PostgresStore;
let fake: FakeBotApi;
beforeEach(async () => {
  store = pg.store;
  fake = await FakeBotApi.start({ token: TOKEN, enforceLimits: true });
  onTestFinished(() => fake.close());
});

/** One instance polling under the `telegram-poll` lease with the shared position; answers with its name. */
async function instance(name: string, handler: CommandHandler, leases: Leases = new Leases(store, name)) {
  const gate = pollLeader(leases, 'telegram-poll', { log: silentLogger, ttlMs: 2_000, everyMs: 200, cursor: pgPollCursor(store, 'telegram', 'telegram-poll', name) });
  const bot = await startTelegramBot({
    config: { token: TOKEN, apiRoot: fake.apiRoot, webhookUrl: null, webhookPort: 0 },
    handler, events: noop, admins: [], log: silentLogger, pollGate: gate, pollTimeoutSeconds: 1,
  });
  onTestFinished(() => bot.stop());
  return bot;
}

const from = { id: 42, first_name: 'Ann' };
const ask = (chat: number) => fake.sendCommand({ chat: { id: chat, type: 'private' }, from: { ...from, id: chat }, text: `/help ${chat}` });
const repliesTo = (chat: number) => fake.sent.filter((m) => m.chat_id === String(chat)).map((m) => m.text);

describe('telegram poll takeover', () => {
  it('resumes from the dead poller\'s stored position: no update answered twice, none lost', async () => {
    let aDead = false;
    let release!: () => void;
    const hang = new Promise<void>((r) => (release = r));
    onTestFinished(() => release());
    const answer = (who: string): CommandHandler => async (req) => ({ kind: 'text', lines: [`${who} answered ${req.args.join(' ')}`] });
    const aAnswer = answer('a');
    // a's handler for chat 5 never finishes: a dies in the middle of that batch.
    const aHandler: CommandHandler = async (req) => (req.args[0] === '5' ? hang.then(() => aAnswer(req)) : aAnswer(req));
    const aLeases = new Leases(store, 'a');
    const dying = Object.assign(Object.create(aLeases) as Leases, {
      acquire: (n: string, ttl: number) => (aDead ? Promise.reject(new Error('connection lost')) : aLeases.acquire(n, ttl)),
    });
    await instance('a', aHandler, dying);
    for (const c of [1, 2, 3]) ask(c);
    await fake.waitForMessages(3, undefined, 30_000);
    for (const c of [4, 5, 6]) ask(c);
    await fake.waitForMessages(1, 4, 30_000);
    await fake.waitForMessages(1, 6, 30_000);
    // Update 5 is still being handled; 6 is done past it (stored just after its reply went out).
    const cursor = pgPollCursor(store, 'telegram', 'telegram-poll', 'a');
    for (let i = 0; i < 200 && (await cursor.load()).handled.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await cursor.load()).toEqual({ offset: 5, handled: [6] });
    aDead = true; // a can no longer renew its lease, and is stuck in update 5

    await instance('b', answer('b'));
    await fake.waitForMessages(1, 5, 30_000);
    ask(7);
    await fake.waitForMessages(1, 7, 30_000);
    for (const c of [1, 2, 3, 4, 6]) expect(repliesTo(c)).toEqual([`a answered ${c}`]);
    expect(repliesTo(5)).toEqual(['b answered 5']);
    expect(repliesTo(7)).toEqual(['b answered 7']);
    expect(fake.counts.conflicts).toBe(0);
    // The stored position is b's, never moved back by a.
    release();
    const after = await pgPollCursor(store, 'telegram', 'telegram-poll', 'b').load();
    expect(after.offset).toBeGreaterThanOrEqual(7);
  }, 120_000);

  it('stores the position only while holding the poll lease', async () => {
    const a = pgPollCursor(store, 'telegram', 'telegram-poll', 'a');
    expect(await a.save({ offset: 10, handled: [] })).toBe(false);
    await new Leases(store, 'a').acquire('telegram-poll', 60_000);
    expect(await a.save({ offset: 10, handled: [12] })).toBe(true);
    expect(await a.save({ offset: 9, handled: [] })).toBe(false); // never backwards
    expect(await a.load()).toEqual({ offset: 10, handled: [12] });
    expect(await pgPollCursor(store, 'telegram', 'telegram-poll', 'b').save({ offset: 20, handled: [] })).toBe(false);
  });
});
