import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/scheduler/outbox.js';
import type { ChatReports } from '../../src/scheduler/outbox.js';
import { SendQueue } from '../../src/scheduler/queue.js';
import { DeliveryError } from '../../src/scheduler/sender.js';
import { silentLogger } from '../../src/log.js';
import { TELEGRAM_LIMITS } from '../../src/bots/telegram/limits.js';
import { VirtualClock } from './helpers/virtual-clock.js';

const T0 = '2025-06-01T08:00:00.000Z';

/** A platform send on the virtual clock: records (ms after T0, chat, message); `fail` may throw instead. */
function platform(clock: VirtualClock, fail: (chatId: string, message: string, call: number) => DeliveryError | null = () => null) {
  const sent: [number, string, string][] = [];
  let calls = 0;
  const t0 = clock.now().getTime();
  const send = async (chatId: string, message: string): Promise<void> => {
    const e = fail(chatId, message, ++calls);
    if (e) throw e;
    sent.push([clock.now().getTime() - t0, chatId, message]);
  };
  return { sent, send };
}

function recordingReports() {
  const paused: [string, string][] = [];
  const migrated: [string, string][] = [];
  const reports: ChatReports = {
    pause: async (chatId, reason) => void paused.push([chatId, reason]),
    migrate: async (from, to) => void migrated.push([from, to]),
  };
  return { reports, paused, migrated };
}

describe('the reply outbox', () => {
  it('given two replies for one chat, sends them in order, each reply\'s messages together, 1 s apart', async () => {
    const clock = new VirtualClock(T0);
    const p = platform(clock);
    const outbox = createOutbox({ queue: new SendQueue(TELEGRAM_LIMITS, clock), send: p.send, reports: recordingReports().reports, log: silentLogger, clock, random: () => 0.5 });
    const results = await clock.run(Promise.all([outbox.reply('5', ['a1', 'a2']), outbox.reply('5', ['b1']), outbox.reply('6', ['c1'])]));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(p.sent).toEqual([[0, '5', 'a1'], [0, '6', 'c1'], [1000, '5', 'a2'], [2000, '5', 'b1']]);
    expect(outbox.pending).toBe(0);
  });

  it('given a chat with its reply messages waiting up to the cap, drops the next reply and still sends the others', async () => {
    const clock = new VirtualClock(T0);
    const p = platform(clock);
    const outbox = createOutbox({ queue: new SendQueue(TELEGRAM_LIMITS, clock), send: p.send, reports: recordingReports().reports, log: silentLogger, clock, maxWaitingPerChat: 3 });
    const replies = [outbox.reply('5', ['1', '2']), outbox.reply('5', ['3']), outbox.reply('5', ['4']), outbox.reply('7', ['other'])];
    const results = await clock.run(Promise.all(replies));
    expect(results.map((r) => (r.ok ? 'sent' : r.reason))).toEqual(['sent', 'sent', 'dropped', 'sent']);
    expect(p.sent.map(([, chat, m]) => `${chat}:${m}`)).toEqual(['5:1', '7:other', '5:2', '5:3']);
    // Once the chat's backlog is sent, its next reply is taken again.
    expect((await clock.run(outbox.reply('5', ['5']))).ok).toBe(true);
  });

  it('given a 429 on a reply, holds that chat for retry_after in the shared queue: a digest to it waits too, other chats do not', async () => {
    const clock = new VirtualClock(T0);
    const queue = new SendQueue(TELEGRAM_LIMITS, clock);
    const p = platform(clock, (chat, _m, call) => (chat === '5' && call === 1 ? new DeliveryError('rate-limited', 'Telegram: Too Many Requests: retry after 7', 7000) : null));
    const outbox = createOutbox({ queue, send: p.send, reports: recordingReports().reports, log: silentLogger, clock });
    const reply = outbox.reply('5', ['answer']);
    // A scheduled digest's message acquiring from the same queue a moment later.
    const digest = (async () => {
      await clock.sleep(10);
      const permit = await queue.acquire('5');
      const at = clock.now().getTime() - Date.parse(T0);
      if (permit) queue.release(permit);
      return at;
    })();
    const other = outbox.reply('6', ['elsewhere']);
    const [r, digestAt] = await clock.run(Promise.all([reply, digest, other]));
    expect(r.ok).toBe(true);
    expect(p.sent).toEqual([[0, '6', 'elsewhere'], [7000, '5', 'answer']]);
    expect(digestAt).toBeGreaterThanOrEqual(7000);
  });

  it('given a 429 longer than 30 s, gives the reply up at once and leaves the chat held for the wait', async () => {
    const clock = new VirtualClock(T0);
    const queue = new SendQueue(TELEGRAM_LIMITS, clock);
    const p = platform(clock, () => new DeliveryError('rate-limited', 'Telegram: Too Many Requests: retry after 600', 600_000));
    const outbox = createOutbox({ queue, send: p.send, reports: recordingReports().reports, log: silentLogger, clock });
    const r = await clock.run(outbox.reply('5', ['a', 'b']));
    expect(r).toEqual({ ok: false, chatId: '5', sent: 0, reason: 'failed' });
    expect(clock.now().toISOString()).toBe(T0);
  });

  it('given a migrated group, reports the move and sends the rest of the reply to the new chat id', async () => {
    const clock = new VirtualClock(T0);
    const { reports, migrated, paused } = recordingReports();
    const p = platform(clock, (chat) => (chat === '-4' ? new DeliveryError('permanent', 'Telegram: group chat was upgraded to a supergroup chat (400)', null, '-1004') : null));
    const outbox = createOutbox({ queue: new SendQueue(TELEGRAM_LIMITS, clock), send: p.send, reports, log: silentLogger, clock });
    const r = await clock.run(outbox.reply('-4', ['a', 'b']));
    expect(r).toEqual({ ok: true, chatId: '-1004', sent: 2 });
    expect(migrated).toEqual([['-4', '-1004']]);
    expect(paused).toEqual([]);
    expect(p.sent.map(([, chat, m]) => `${chat}:${m}`)).toEqual(['-1004:a', '-1004:b']);
  });

  it('given a blocked chat, reports the pause once with the reason and sends nothing more', async () => {
    const clock = new VirtualClock(T0);
    const { reports, paused } = recordingReports();
    const p = platform(clock, () => new DeliveryError('permanent', 'Telegram: bot was blocked by the user (403)'));
    const outbox = createOutbox({ queue: new SendQueue(TELEGRAM_LIMITS, clock), send: p.send, reports, log: silentLogger, clock });
    const r = await clock.run(outbox.reply('9', ['a', 'b']));
    expect(r).toMatchObject({ ok: false, reason: 'paused', sent: 0 });
    expect(paused).toEqual([['9', 'Telegram: bot was blocked by the user (403)']]);
  });

  it('given transient failures, retries with backoff a few times, then gives the reply up', async () => {
    const clock = new VirtualClock(T0);
    const tries: number[] = [];
    const p = platform(clock, () => {
      tries.push(clock.now().getTime() - Date.parse(T0));
      return new DeliveryError('transient', 'Telegram: Bad Gateway');
    });
    const outbox = createOutbox({ queue: new SendQueue(TELEGRAM_LIMITS, clock), send: p.send, reports: recordingReports().reports, log: silentLogger, clock, random: () => 0.5 });
    const r = await clock.run(outbox.reply('9', ['a']));
    expect(r).toMatchObject({ ok: false, reason: 'failed' });
    // random() = 0.5 → 3/4 of 1 s, then of 2 s; the first wait is the chat's own 1 s window.
    expect(tries).toEqual([0, 1000, 2500]);
  });

  it('given the queue closed (shutdown), ends waiting replies as interrupted', async () => {
    const clock = new VirtualClock(T0);
    const queue = new SendQueue(TELEGRAM_LIMITS, clock);
    const p = platform(clock);
    const outbox = createOutbox({ queue, send: p.send, reports: recordingReports().reports, log: silentLogger, clock });
    const first = outbox.reply('5', ['a', 'b']);
    await clock.advanceTo('2025-06-01T08:00:00.500Z');
    queue.close();
    outbox.close();
    expect(await clock.run(first)).toMatchObject({ ok: false, reason: 'interrupted', sent: 1 });
    await outbox.idle();
  });
});
