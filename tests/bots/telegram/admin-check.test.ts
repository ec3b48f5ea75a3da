import { describe, expect, it } from 'vitest';
import { createAdminCheck } from '../../../src/bots/telegram/admin-check.js';

function setup(statuses: Record<string, string> = {}) {
  const asked: string[] = [];
  let now = new Date('2025-01-01T00:00:00Z');
  const check = createAdminCheck({
    admins: ['telegram:42', 'discord:7'],
    clock: () => now,
    ttlMs: 60_000,
    memberStatus: async (chatId, userId) => {
      asked.push(`${chatId}:${userId}`);
      const s = statuses[`${chatId}:${userId}`];
      if (s === 'throw') throw new Error('Telegram: 400: Bad Request: chat not found');
      return s ?? 'member';
    },
  });
  return { check, asked, advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
}

describe('admin check', () => {
  it('given a private chat, returns true without asking Telegram', async () => {
    const { check, asked } = setup();
    expect(await check({ chatId: '5', chatType: 'private', userId: 5, ask: true })).toBe(true);
    expect(asked).toEqual([]);
  });

  it('given a NEWSBOT_ADMINS telegram id in a group, returns true without asking', async () => {
    const { check, asked } = setup();
    expect(await check({ chatId: '-1', chatType: 'group', userId: 42, ask: true })).toBe(true);
    expect(await check({ chatId: '-1', chatType: 'group', userId: 7, ask: false })).toBe(false); // discord:7 is not a Telegram admin
    expect(asked).toEqual([]);
  });

  it('given creator or administrator status, returns true; member, false', async () => {
    const { check } = setup({ '-1:1': 'creator', '-1:2': 'administrator', '-1:3': 'member' });
    const ask = (userId: number) => check({ chatId: '-1', chatType: 'group', userId, ask: true });
    expect([await ask(1), await ask(2), await ask(3)]).toEqual([true, true, false]);
  });

  it('given ask: false (a command for everyone), returns false for a group member without asking', async () => {
    const { check, asked } = setup({ '-1:2': 'administrator' });
    expect(await check({ chatId: '-1', chatType: 'group', userId: 2, ask: false })).toBe(false);
    expect(asked).toEqual([]);
  });

  it('given a second question within the TTL, answers from the cache; after it, asks again', async () => {
    const { check, asked, advance } = setup({ '-1:2': 'administrator' });
    const q = { chatId: '-1', chatType: 'group' as const, userId: 2, ask: true };
    await check(q);
    advance(30_000);
    await check(q);
    expect(asked).toHaveLength(1);
    advance(31_000);
    await check(q);
    expect(asked).toHaveLength(2);
  });

  it('given an anonymous admin posting as the group, returns true', async () => {
    const { check, asked } = setup();
    expect(await check({ chatId: '-100', chatType: 'group', userId: 1087968824, senderChatId: -100, ask: true })).toBe(true);
    expect(asked).toEqual([]);
  });

  it('given getChatMember failing, returns false and does not cache the failure', async () => {
    const { check, asked } = setup({ '-1:9': 'throw' });
    const q = { chatId: '-1', chatType: 'group' as const, userId: 9, ask: true };
    expect(await check(q)).toBe(false);
    expect(await check(q)).toBe(false);
    expect(asked).toHaveLength(2);
  });
});
