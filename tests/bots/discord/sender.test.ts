import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/scheduler/sender.js';
import { DISCORD_ERRORS } from '../../fakes/discord/fake-discord.js';
import { embedChars } from '../../fakes/discord/limits.js';
import { sampleDigest, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
const CH = '300000000000000123';
const route = `/channels/${CH}/messages`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.fake.injections.length = 0;
  h.fake.channelMessages.length = 0;
});

const sendAll = async (n: number) => {
  const messages = h.bot.sender.render(sampleDigest(n, 900), 'No new stories.');
  for (const m of messages) await h.bot.sender.send(CH, m);
  return messages;
};
const failure = async (p: Promise<unknown>): Promise<DeliveryError> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
};

describe('given a scheduled digest', () => {
  it('posts every rendered message to the channel with the bot token and no mentions', async () => {
    const messages = await sendAll(3);
    expect(h.bot.sender.platform).toBe('discord');
    expect(h.fake.channelMessages.length).toBe(messages.length);
    for (const m of h.fake.channelMessages) {
      expect(m.channelId).toBe(CH);
      expect(m.body.allowed_mentions).toEqual({ parse: [] });
    }
    const posts = h.fake.requests.filter((r) => r.path === route);
    for (const r of posts) expect(r.auth).toBe(`Bot ${h.fake.token}`);
  });

  it('splits a long digest over several messages, each within Discord limits (the fake refuses any other)', async () => {
    const messages = await sendAll(40);
    expect(messages.length).toBeGreaterThan(1);
    expect(h.fake.channelMessages.length).toBe(messages.length);
    for (const m of h.fake.channelMessages) {
      const embeds = m.body.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
    }
    expect(JSON.stringify(h.fake.channelMessages)).toContain('Story 40');
  });

  it('renders an empty digest as one message with the empty text', async () => {
    const messages = h.bot.sender.render(sampleDigest(0), 'No new stories since 08:00.');
    expect(messages.length).toBe(1);
    expect(JSON.stringify(messages[0])).toContain('No new stories since 08:00.');
  });
});

describe('given Discord refuses the channel', () => {
  it.each([
    ['Missing Access', DISCORD_ERRORS.missingAccess, /50001/],
    ['Missing Permissions', DISCORD_ERRORS.missingPermissions, /50013/],
    ['Unknown Channel', DISCORD_ERRORS.unknownChannel, /10003/],
  ])('%s: throws a permanent DeliveryError with the reason, at once', async (_name, error, reason) => {
    h.fake.inject(route, error);
    const [message] = h.bot.sender.render(sampleDigest(1), 'none');
    const err = await failure(h.bot.sender.send(CH, message!));
    expect(err.kind).toBe('permanent');
    expect(err.message).toMatch(reason);
    expect(h.fake.requests.filter((r) => r.path === route && r.status >= 400).length).toBeGreaterThanOrEqual(1);
  });
});

describe('given Discord fails for a while', () => {
  it('a 500 is retried by discord.js and the message gets through', async () => {
    h.fake.inject(route, DISCORD_ERRORS.serverError, 2);
    const before = h.fake.requests.length;
    const [message] = h.bot.sender.render(sampleDigest(1), 'none');
    await h.bot.sender.send(CH, message!);
    expect(h.fake.channelMessages.length).toBe(1);
    expect(h.fake.requests.slice(before).filter((r) => r.path === route).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('a 500 that does not stop is a transient DeliveryError after the retries', async () => {
    h.fake.inject(route, DISCORD_ERRORS.serverError);
    const [message] = h.bot.sender.render(sampleDigest(1), 'none');
    const err = await failure(h.bot.sender.send(CH, message!));
    expect(err.kind).toBe('transient');
  });

  it('a short 429 is waited out by discord.js and the message gets through', async () => {
    h.fake.rateLimit(route, 0.05, 1);
    const [message] = h.bot.sender.render(sampleDigest(1), 'none');
    await h.bot.sender.send(CH, message!);
    expect(h.fake.channelMessages.length).toBe(1);
  });

  it('a long 429 comes back as rate-limited with the wait, for the scheduler’s queue', async () => {
    h.fake.rateLimit(route, 30, 1);
    const [message] = h.bot.sender.render(sampleDigest(1), 'none');
    const err = await failure(h.bot.sender.send(CH, message!));
    expect(err.kind).toBe('rate-limited');
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });
});
