import { describe, expect, it } from 'vitest';
import { SendWindows } from '../../src/scheduler/rate-limit.js';
import { TELEGRAM_LIMITS } from '../../src/bots/telegram/limits.js';
import { DISCORD_SEND_LIMITS as DISCORD_LIMITS } from '../../src/bots/discord/limits.js';

describe('SendWindows with Telegram limits', () => {
  it('given one message to a chat, makes the same chat wait 1 s after the send completed', () => {
    const w = new SendWindows(TELEGRAM_LIMITS);
    expect(w.waitMs('42', 0)).toBe(0);
    const r = w.reserve('42', 0);
    expect(w.waitMs('42', 10)).toBe(Infinity); // in flight: no way to know yet
    expect(w.waitMs('43', 10)).toBe(0); // another chat may go
    r.done(20);
    expect(w.waitMs('42', 20)).toBe(1000);
    expect(w.waitMs('42', 1020)).toBe(0);
  });

  it('given 30 sends in a second, makes the 31st wait until the oldest leaves the window', () => {
    const w = new SendWindows(TELEGRAM_LIMITS);
    for (let i = 0; i < 30; i++) w.reserve(`chat${i}`, i * 10).done(i * 10 + 5);
    expect(w.waitMs('other', 300)).toBe(5 + 1000 - 300);
    expect(w.globalWaitMs(1005)).toBe(0);
  });

  it('given a group chat (negative id), allows 20 a minute; a private chat is not held to it', () => {
    const w = new SendWindows(TELEGRAM_LIMITS);
    for (let i = 0; i < 20; i++) w.reserve('-100', i * 1000).done(i * 1000);
    expect(w.chatWaitMs('-100', 20_000)).toBe(40_000);
    const p = new SendWindows(TELEGRAM_LIMITS);
    for (let i = 0; i < 20; i++) p.reserve('100', i * 1000).done(i * 1000);
    expect(p.chatWaitMs('100', 20_000)).toBe(0);
  });

  it('given a 429 block, holds that chat until the block ends', () => {
    const w = new SendWindows(TELEGRAM_LIMITS);
    w.block('7', 5000);
    expect(w.waitMs('7', 1000)).toBe(4000);
    expect(w.waitMs('8', 1000)).toBe(0);
  });

  it('forgets chats whose windows have passed, so memory stays bounded', () => {
    const w = new SendWindows(TELEGRAM_LIMITS);
    for (let i = 0; i < 500; i++) w.reserve(`c${i}`, i).done(i);
    expect(w.trackedKeys()).toBeGreaterThan(500);
    w.sweep(100_000);
    expect(w.trackedKeys()).toBe(0);
  });
});

describe('SendWindows with Discord limits', () => {
  it('given 5 messages in 5 s to a channel, makes the 6th wait', () => {
    const w = new SendWindows(DISCORD_LIMITS);
    for (let i = 0; i < 5; i++) w.reserve('c', i * 100).done(i * 100);
    expect(w.waitMs('c', 500)).toBe(5000 - 500);
    expect(w.waitMs('d', 500)).toBe(0);
  });
});
