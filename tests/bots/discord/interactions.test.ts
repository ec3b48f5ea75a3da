import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_ERRORS } from '../../fakes/discord/fake-discord.js';
import type { InteractionLog } from '../../fakes/discord/fake-discord.js';
import { MANAGE_GUILD, echoReply, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
const topicCalls: string[][] = [];

beforeAll(async () => {
  h = await startHarness({
    autocomplete: {
      async topics(scope, chatId, prefix) {
        topicCalls.push([scope, chatId, prefix]);
        return ['climate', 'elections', 'energy'].filter((t) => t.startsWith(prefix));
      },
    },
  });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.fake.injections.length = 0;
  h.paused.length = 0;
});

const choices = async (ix: InteractionLog) => {
  await h.fake.waitFor(() => ix.callbacks.length === 1, 'autocomplete answer');
  expect(ix.callbacks[0]?.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
  return ix.callbacks[0]?.data?.choices ?? [];
};

describe('given autocomplete', () => {
  it('on timezone, answers matching IANA zones (at most 25)', async () => {
    const ix = await h.fake.interact({
      type: 4, name: 'subscribe', permissions: MANAGE_GUILD,
      options: [{ name: 'time', type: 3, value: '08:00' }, { name: 'timezone', type: 3, value: 'europe/be', focused: true }],
    });
    const got = await choices(ix);
    expect(got.map((c) => c.value)).toEqual(['Europe/Belfast', 'Europe/Belgrade', 'Europe/Berlin'].filter((z) => Intl.supportedValuesOf('timeZone').includes(z)));
    expect(h.requests.length).toBe(0);
  });

  it('on a /schedule timezone, answers at most 25 zones', async () => {
    const ix = await h.fake.interact({ type: 4, name: 'schedule', options: [{ name: 'timezone', type: 3, value: 'America/', focused: true }] });
    expect((await choices(ix)).length).toBe(25);
  });

  it('on /digest topic, answers the chat’s topics from the source, for this guild and channel', async () => {
    const ix = await h.fake.interact({ type: 4, name: 'digest', options: [{ name: 'topic', type: 3, value: 'e', focused: true }] });
    expect(await choices(ix)).toEqual([{ name: 'elections', value: 'elections' }, { name: 'energy', value: 'energy' }]);
    expect(topicCalls.at(-1)).toEqual([h.fake.ids.guildId, h.fake.ids.channelId, 'e']);
  });

  it('on /topics remove words, completes the last word', async () => {
    const ix = await h.fake.interact({
      type: 4, name: 'topics', permissions: MANAGE_GUILD,
      options: [{ name: 'remove', type: 1, options: [{ name: 'words', type: 3, value: 'energy cl', focused: true }] }],
    });
    expect(await choices(ix)).toEqual([{ name: 'energy climate', value: 'energy climate' }]);
  });
});

describe('given an on-demand reply fails', () => {
  it('Missing Access on the reply pauses the chat’s subscription with the reason, and is not retried', async () => {
    h.fake.inject('/webhooks/', DISCORD_ERRORS.missingAccess);
    const ix = await h.fake.interact({ name: 'help' });
    await h.fake.waitFor(() => h.paused.length === 1, 'pause');
    expect(h.paused[0]).toMatchObject({ chatId: h.fake.ids.channelId });
    expect(h.paused[0]?.reason).toMatch(/^Discord: .*50001/);
    expect(h.fake.requests.filter((r) => r.path.includes(ix.token) && r.status === 403).length).toBe(1);
    expect(h.logs.some((l) => l.includes('chat unreachable') && l.includes('50001 Missing Access'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain(h.fake.token);
  });

  it('an expired interaction (10062) is logged but pauses nothing', async () => {
    h.fake.inject('/callback', { status: 404, body: { code: 10062, message: 'Unknown interaction' } });
    const before = h.logs.length;
    await h.fake.interact({ name: 'latest' });
    await h.fake.waitFor(() => h.logs.slice(before).some((l) => l.includes('10062')), 'log line');
    expect(h.paused).toEqual([]);
  });

  it('a 5xx on the reply is retried by discord.js and the answer arrives', async () => {
    h.fake.inject('/webhooks/', DISCORD_ERRORS.serverError, 1);
    const ix = await h.run({ name: 'help' });
    expect(ix.edits.length).toBe(1);
    expect(h.paused).toEqual([]);
  });

  it('a handler that throws still gets the member an ephemeral apology, and the error is logged', async () => {
    h.reply = () => { throw new Error('boom'); };
    try {
      const ix = await h.fake.interact({ name: 'search', options: [{ name: 'query', type: 3, value: 'x' }] });
      await h.fake.waitFor(() => ix.followUps.length === 1, 'apology');
      expect(ix.deletes).toBe(1);
      expect(ix.followUps[0]).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
      expect(ix.followUps[0]?.content).toMatch(/^Sorry, something went wrong/);
      expect(h.logs.some((l) => l.includes('command handler failed') && l.includes('boom'))).toBe(true);
    } finally {
      h.reply = echoReply;
    }
  });
});
