/**
 * End to end through the real command router and an in-memory store: what a Discord member sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { silentLogger } from '../../../src/log.js';
import type { Article, Subscription } from '../../../src/model.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import type { OptionData } from '../../fakes/discord/fake-discord.js';
import { MANAGE_GUILD, NOW, bodies, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
let store: Store;
const ADMIN = { permissions: MANAGE_GUILD };
const str = (name: string, value: string): OptionData => ({ name, type: 3, value });
const sub = (name: string, options: OptionData[] = []): OptionData => ({ name, type: 1, options });
const para = (s: string) => `${s} The decision was confirmed by officials on Friday. Residents said they had expected the news for weeks.`;

function article(id: string, title: string, text: string, hoursAgo: number): Article {
  const t = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return { id, url: `https://news.example/${id}`, title, text: para(text), description: null, byline: null, published: t, fetchedAt: t, source: 'example', language: 'en', feedId: null };
}
const all = (ix: { edits: unknown[]; followUps: unknown[] }) => JSON.stringify([...ix.edits, ...ix.followUps]);

beforeAll(async () => {
  store = createMemoryStore();
  await store.addArticles([
    article('aaaaaaaaaaaaaaa1', 'Council approves tram extension', 'The city council approved a tram extension to the docks.', 2),
    article('aaaaaaaaaaaaaaa2', 'Snow closes mountain pass', 'Heavy snow closed the mountain pass on Wednesday.', 5),
    article('aaaaaaaaaaaaaaa3', 'Harbour plan goes to a vote', 'The harbour plan will be put to a public vote in May.', 7),
  ]);
  const handler = createCommandHandler({ wording: wordingOf,
    store,
    config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: async () => { throw new Error('no network in this test'); },
    fetcher: async () => { throw new Error('no network in this test'); },
    nextRun: (_sub: Subscription, after: Date) => new Date(after.getTime() + 3_600_000),
    log: silentLogger,
    // Every command of these tests comes at the same instant (a fixed clock): no flood limit.
    commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
  });
  h = await startHarness({ handler });
});
afterAll(async () => {
  await h.stop();
});

describe('given the real router behind the Discord bot', () => {
  it('/digest answers publicly with one embed per story and no pings', async () => {
    const ix = await h.run({ name: 'digest' });
    expect(ix.callbacks[0]).toEqual({ type: 5, data: { flags: 0 } });
    const embeds = bodies(ix).flatMap((b) => b.embeds ?? []);
    expect(embeds.length).toBe(3);
    expect(all(ix)).toContain('Council approves tram extension');
    for (const b of bodies(ix)) expect(b.allowed_mentions).toEqual({ parse: [] });
  });

  it('/latest count:2 lists the two newest articles', async () => {
    const ix = await h.run({ name: 'latest', options: [{ name: 'count', type: 4, value: 2 }] });
    expect(all(ix)).toContain('Council approves tram extension');
    expect(all(ix)).not.toContain('Harbour plan goes to a vote');
  });

  it('/search and /summary find stored articles', async () => {
    expect(all(await h.run({ name: 'search', options: [str('query', 'harbour')] }))).toContain('Harbour plan');
    expect(all(await h.run({ name: 'summary', options: [str('target', 'aaaaaaaaaaaaaaa2')] }))).toContain('Heavy snow closed the mountain pass');
  });

  it('/subscribe from a member without Manage Guild is refused ephemerally and changes nothing', async () => {
    const ix = await h.run({ name: 'subscribe', permissions: '0' });
    expect(ix.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(all(ix)).toContain('Only members with the Manage Server permission can use /subscribe');
    expect(await store.getSubscription(`discord:${h.fake.ids.channelId}`)).toBeNull();
  });

  it('/subscribe, /topics and /schedule from an admin configure this channel, ephemerally', async () => {
    const s = await h.run({ name: 'subscribe', ...ADMIN, options: [str('time', '07:30'), str('timezone', 'europe/berlin')] });
    expect(s.callbacks[0]?.data?.flags).toBe(64);
    expect(all(s)).toContain('Subscribed');
    await h.run({ name: 'topics', ...ADMIN, options: [sub('add', [str('words', 'harbour -snow')])] });
    const saved = await store.getSubscription(`discord:${h.fake.ids.channelId}`);
    expect(saved).toMatchObject({ active: true, times: ['07:30'], timezone: 'Europe/Berlin', topics: ['harbour'], mutes: ['snow'], scope: `discord:${h.fake.ids.guildId}` });
    const bad = await h.run({ name: 'schedule', ...ADMIN, options: [str('time', '25:00')] });
    expect(bad.callbacks[0]?.data?.flags).toBe(64);
    expect(all(bad)).toContain('not a time of day');
  });

  it('/topics list, /feeds list, /status and /unsubscribe answer admins ephemerally', async () => {
    expect(all(await h.run({ name: 'topics', ...ADMIN, options: [sub('list')] }))).toContain('Following: harbour');
    expect(all(await h.run({ name: 'feeds', ...ADMIN, options: [sub('list')] }))).toContain('No feeds yet');
    const status = await h.run({ name: 'status', ...ADMIN });
    expect(status.callbacks[0]?.data?.flags).toBe(64);
    expect(all(await h.run({ name: 'unsubscribe', ...ADMIN }))).toContain('Unsubscribed');
    expect((await store.getSubscription(`discord:${h.fake.ids.channelId}`))?.active).toBe(false);
  });

  it('/feeds add and remove answer admins ephemerally, with the usage line on failure', async () => {
    const add = await h.run({ name: 'feeds', ...ADMIN, options: [sub('add', [str('url', 'https://feeds.example/rss')])] });
    expect(add.callbacks[0]?.data?.flags).toBe(64);
    expect(all(add)).toContain('Usage: /feeds add');
    expect(all(await h.run({ name: 'feeds', ...ADMIN, options: [sub('remove', [str('feed', 'nosuchfeed')])] }))).toContain('No feed');
  });

  it('/help lists the commands publicly', async () => {
    const ix = await h.run({ name: 'help' });
    expect(ix.callbacks[0]?.data?.flags).toBe(0);
    expect(all(ix)).toContain('/digest');
    expect(all(ix)).toContain('Manage Server');
  });
});
