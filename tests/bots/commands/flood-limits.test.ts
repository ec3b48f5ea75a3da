import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { DEFAULT_COMMAND_LIMITS } from '../../../src/bots/commands/context.js';
import { createFloodGate } from '../../../src/bots/commands/rate-limit.js';
import type { CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import { wordingOf } from '../../../src/bots/registry.js';
import { silentLogger } from '../../../src/log.js';
import type { Subscription } from '../../../src/model.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';

const T0 = Date.parse('2026-03-02T09:30:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

function handlerOn(store: Store) {
  return createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    nextRun: (_s: Subscription, after: Date) => new Date(after.getTime() + 3_600_000), log: silentLogger,
  });
}

function req(command: string, now: Date, over: Partial<CommandRequest> = {}): CommandRequest {
  return { platform: 'telegram', chatId: '5001', scope: 'telegram:5001', chatType: 'private', userId: '5001', isAdmin: true, command, args: command === 'search' ? ['tram'] : [], now, ...over };
}

const kinds = (replies: Reply[]) => replies.map((r) => (r.kind === 'error' && /too fast/.test(r.text) ? 'notice' : r.kind === 'none' ? 'none' : 'answer'));

describe('per-user command limits (every command, not only the expensive ones)', () => {
  it('given 1,000 /help and /search from one user in 10 s, answers 5, sends one notice, then nothing', async () => {
    const handle = handlerOn(createMemoryStore());
    const replies = await Promise.all(Array.from({ length: 1000 }, (_, i) => handle(req(i % 2 ? 'search' : 'help', at(i * 10)))));
    const k = kinds(replies);
    expect(k.filter((x) => x === 'answer')).toHaveLength(DEFAULT_COMMAND_LIMITS.user.limit);
    expect(k.filter((x) => x === 'notice')).toHaveLength(1);
    expect(k.indexOf('notice')).toBe(DEFAULT_COMMAND_LIMITS.user.limit);
    expect(k.filter((x) => x === 'none')).toHaveLength(1000 - DEFAULT_COMMAND_LIMITS.user.limit - 1);
    const notice = replies[DEFAULT_COMMAND_LIMITS.user.limit];
    expect(notice).toMatchObject({ kind: 'error', private: true, text: 'You are sending commands too fast. I will answer again once you pause for 10 s.' });
  });

  it('given the flood pauses for 10 s, answers again; another user of the same group was never held', async () => {
    const handle = handlerOn(createMemoryStore());
    const group = { chatId: '-4001', scope: 'telegram:-4001', chatType: 'group' as const, isAdmin: false };
    for (let i = 0; i < 50; i++) await handle(req('help', at(i * 100), { ...group, userId: 'flooder' }));
    expect((await handle(req('help', at(5_000), { ...group, userId: 'calm' }))).kind).toBe('text');
    // Still flooding at 4.9 s: held until 10 s after the last one.
    expect((await handle(req('help', at(14_000), { ...group, userId: 'flooder' }))).kind).toBe('none');
    expect((await handle(req('help', at(24_100), { ...group, userId: 'flooder' }))).kind).toBe('text');
  });

  it('gives the notice in the chat’s language', async () => {
    const handle = handlerOn(createMemoryStore());
    const replies: Reply[] = [];
    for (let i = 0; i < 7; i++) replies.push(await handle(req('status', at(i), { locale: 'de' })));
    expect(replies[5]).toMatchObject({ kind: 'error', text: 'Du sendest Befehle zu schnell. Ich antworte wieder, wenn du 10 s Pause machst.' });
    expect(replies.map((r) => r.kind)).toEqual(['text', 'text', 'text', 'text', 'text', 'error', 'none']);
  });
});

describe('per-chat command limits (a busy group)', () => {
  it('given 30 members each sending one command within a minute, answers 20, tells the chat once, and answers again once the minute has room', async () => {
    const handle = handlerOn(createMemoryStore());
    const group = { chatId: '-4002', scope: 'telegram:-4002', chatType: 'group' as const, isAdmin: false };
    const replies: Reply[] = [];
    for (let i = 0; i < 30; i++) replies.push(await handle(req('latest', at(i * 1000), { ...group, userId: `m${i}` })));
    expect(replies.slice(0, 20).every((r) => r.kind === 'text')).toBe(true);
    expect(replies[20]).toMatchObject({ kind: 'error', text: expect.stringMatching(/^This chat is sending commands too fast\. I will answer again in \d+ s\.$/) });
    expect(replies.slice(21).every((r) => r.kind === 'none')).toBe(true);
    expect((await handle(req('latest', at(61_000), { ...group, userId: 'late' }))).kind).toBe('text');
  });
});

describe('FloodGate', () => {
  it('given a rule without hold, admits again as soon as the window has room, and notifies once per flood', () => {
    const gate = createFloodGate({ limit: 2, windowMs: 1000 });
    expect(gate.take('k', at(0))).toEqual({ ok: true });
    expect(gate.take('k', at(100))).toEqual({ ok: true });
    expect(gate.take('k', at(200))).toEqual({ ok: false, notify: true, seconds: 1 });
    expect(gate.take('k', at(300))).toEqual({ ok: false, notify: false, seconds: 1 });
    // Admitted between refusals: still the same flood, no second notice.
    expect(gate.take('k', at(1000))).toEqual({ ok: true });
    expect(gate.take('k', at(1050))).toEqual({ ok: false, notify: false, seconds: 1 });
    expect(gate.take('k', at(1100))).toEqual({ ok: true });
    expect(gate.take('k', at(1200))).toEqual({ ok: false, notify: false, seconds: 1 });
    // A whole window without a refusal ends the flood; the next one is told again.
    expect(gate.take('k', at(2500))).toEqual({ ok: true });
    expect(gate.take('k', at(2600))).toEqual({ ok: true });
    expect(gate.take('k', at(2700))).toEqual({ ok: false, notify: true, seconds: 1 });
  });

  it('given a hold, keeps a key that goes on flooding refused until it pauses', () => {
    const gate = createFloodGate({ limit: 1, windowMs: 1000, holdMs: 5000 });
    expect(gate.take('k', at(0)).ok).toBe(true);
    for (let t = 500; t <= 20_000; t += 500) expect(gate.take('k', at(t)).ok).toBe(false);
    expect(gate.take('k', at(24_999)).ok).toBe(false);
    expect(gate.take('k', at(30_000)).ok).toBe(true);
  });

  it('forgets idle keys, so 20,000 one-off users do not stay in memory', () => {
    const gate = createFloodGate({ limit: 1, windowMs: 1000, holdMs: 1000 });
    for (let i = 0; i < 20_000; i++) gate.take(`u${i}`, at(i < 10_000 ? 0 : 5000));
    expect(gate.size).toBeLessThanOrEqual(10_001);
  });
});
