import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bots/commands/catalog.js';
import type { OptionData } from '../../fakes/discord/fake-discord.js';
import { embedChars } from '../../fakes/discord/limits.js';
import { MANAGE_GUILD, bodies, echoReply, sampleDigest, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const ADMIN_ID = '700000000000000099';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ admins: [`discord:${ADMIN_ID}`, 'telegram:1'] });
});
afterAll(async () => {
  await h.stop();
});

const str = (name: string, value: string): OptionData => ({ name, type: 3, value });
const sub = (name: string, options: OptionData[] = []): OptionData => ({ name, type: 1, options });

describe('given each slash command from a member with Manage Guild', () => {
  const cases: { name: string; options: OptionData[]; args: string[] }[] = [
    { name: 'digest', options: [str('topic', 'climate')], args: ['climate'] },
    { name: 'digest', options: [], args: [] },
    { name: 'latest', options: [{ name: 'count', type: 4, value: 5 }], args: ['5'] },
    { name: 'search', options: [str('query', 'harbour plan')], args: ['harbour plan'] },
    { name: 'summary', options: [str('target', 'https://news.example/a')], args: ['https://news.example/a'] },
    { name: 'subscribe', options: [str('time', '07:30'), str('timezone', 'Europe/Berlin')], args: ['07:30', 'Europe/Berlin'] },
    { name: 'subscribe', options: [str('timezone', 'Europe/Berlin')], args: ['Europe/Berlin'] },
    { name: 'unsubscribe', options: [], args: [] },
    { name: 'schedule', options: [str('time', '08:00,18:30'), str('timezone', 'America/New_York')], args: ['08:00,18:30', 'America/New_York'] },
    { name: 'topics', options: [sub('add', [str('words', 'climate -celebrity')])], args: ['add', 'climate -celebrity'] },
    { name: 'topics', options: [sub('remove', [str('words', 'climate')])], args: ['remove', 'climate'] },
    { name: 'topics', options: [sub('list')], args: ['list'] },
    { name: 'topics', options: [sub('clear')], args: ['clear'] },
    { name: 'feeds', options: [sub('add', [str('url', 'https://feeds.example/rss')])], args: ['add', 'https://feeds.example/rss'] },
    { name: 'feeds', options: [sub('remove', [str('feed', 'f1a2')])], args: ['remove', 'f1a2'] },
    { name: 'feeds', options: [sub('list')], args: ['list'] },
    { name: 'status', options: [], args: [] },
    { name: 'language', options: [str('code', 'de')], args: ['de'] },
    { name: 'help', options: [], args: [] },
  ];

  it.each(cases)('/$name $args: the handler gets args in catalog order, and the answer is deferred then edited in', async ({ name, options, args }) => {
    const ix = await h.run({ name, options, permissions: MANAGE_GUILD });
    const req = h.requests.at(-1);
    expect(req).toMatchObject({
      platform: 'discord', command: name, args, chatType: 'guild', isAdmin: true,
      chatId: h.fake.ids.channelId, scope: h.fake.ids.guildId, userId: '700000000000000001',
    });
    expect(req?.now.toISOString()).toBe('2025-03-10T09:00:00.000Z');
    const admin = COMMANDS.find((c) => c.name === name)?.admin;
    // type 5 = DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE; flag 64 = EPHEMERAL, for admin/config commands only.
    expect(ix.callbacks).toEqual([{ type: 5, data: { flags: admin ? 64 : 0 } }]);
    expect(ix.edits.length).toBeGreaterThanOrEqual(1);
    for (const body of bodies(ix)) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('covers every catalog command', () => {
    const seen = new Set(cases.map((c) => c.name));
    expect(COMMANDS.filter((c) => !seen.has(c.name))).toEqual([]);
  });
});

describe('given who is asking', () => {
  it('a member without Manage Guild is not an admin, and the answer stays ephemeral', async () => {
    const ix = await h.run({ name: 'status', permissions: '0' });
    expect(h.requests.at(-1)?.isAdmin).toBe(false);
    expect(ix.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('a member with Administrator (which implies Manage Guild) is an admin', async () => {
    await h.run({ name: 'status', permissions: '8' });
    expect(h.requests.at(-1)?.isAdmin).toBe(true);
  });

  it('a NEWSBOT_ADMINS user without any permission is an admin', async () => {
    await h.run({ name: 'feeds', options: [sub('list')], permissions: '0', userId: ADMIN_ID });
    expect(h.requests.at(-1)).toMatchObject({ isAdmin: true, userId: ADMIN_ID });
  });

  it('a NEWSBOT_ADMINS entry for another platform does not count on Discord', async () => {
    await h.run({ name: 'status', permissions: '0', userId: '1' });
    expect(h.requests.at(-1)?.isAdmin).toBe(false);
  });

  it('in a DM the user administers the DM, whose channel is also the scope', async () => {
    await h.run({ name: 'subscribe', dm: true, channelId: '600000000000000077' });
    expect(h.requests.at(-1)).toMatchObject({ chatType: 'private', isAdmin: true, chatId: '600000000000000077', scope: '600000000000000077' });
  });
});

describe('given the answer and the deferral disagree on privacy', () => {
  it('a private answer to a public command replaces the public "thinking…" with ephemeral follow-ups', async () => {
    h.reply = () => ({ kind: 'error', text: 'You are asking for digests quickly; try again in 20 s.', private: true });
    try {
      const ix = await h.run({ name: 'digest', permissions: '0' });
      expect(ix.callbacks[0]).toEqual({ type: 5, data: { flags: 0 } });
      expect(ix.deletes).toBe(1);
      expect(ix.edits).toEqual([]);
      expect(ix.followUps.length).toBeGreaterThan(0);
      for (const f of ix.followUps) expect(f.flags).toBe(64);
      expect(JSON.stringify(ix.followUps)).toContain('try again in 20 s');
    } finally {
      h.reply = echoReply;
    }
  });

  it('a public error (unknown topic, bad count) edits the public deferral', async () => {
    h.reply = () => ({ kind: 'error', text: '"0" must be a number from 1 to 20', usage: '/latest [n]' });
    try {
      const ix = await h.run({ name: 'latest', options: [{ name: 'count', type: 4, value: 0 }] });
      expect(ix.deletes).toBe(0);
      expect(ix.edits[0]?.content).toMatch(/must be a number from 1 to 20\nUsage: \/latest/);
    } finally {
      h.reply = echoReply;
    }
  });
});

describe('given a long digest', () => {
  it('edits the first message into the deferral and sends the rest as follow-ups, each within limits', async () => {
    h.reply = () => ({ kind: 'digest', digest: sampleDigest(40, 900), emptyText: 'No new stories.' });
    try {
      const ix = await h.run({ name: 'digest' });
      expect(ix.edits.length).toBe(1);
      expect(ix.followUps.length).toBeGreaterThan(0);
      const all = bodies(ix);
      for (const b of all) {
        expect(b.allowed_mentions).toEqual({ parse: [] });
        expect(b.flags ?? 0).toBe(0);
        expect((b.embeds ?? []).length).toBeLessThanOrEqual(10);
        expect((b.embeds ?? []).reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
      }
      expect(all.flatMap((b) => b.embeds ?? []).length).toBe(40);
    } finally {
      h.reply = echoReply;
    }
  });
});

