/** Story titles link to their lead article and the top story shows its picture, through the real clients. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOf } from '../../src/bots/registry.js';
import { createCommandHandler } from '../../src/bots/commands/router.js';
import { silentLogger } from '../../src/log.js';
import type { Article } from '../../src/model.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ALICE, PRIVATE, NOW as TG_NOW, startHarness as startTelegram, type Harness as TelegramHarness } from './telegram/harness.js';
import { bodies, NOW as DC_NOW, startHarness as startDiscord, type Harness as DiscordHarness } from './discord/harness.js';

function articles(now: Date): Article[] {
  const at = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const base = { description: null, byline: null, source: 'Example News', language: 'en', feedId: null };
  return [
    { ...base, id: 'e000000000000001', url: 'https://news.example/tram', title: 'Council approves tram extension', text: 'The city council approved a tram extension to the docks. Officials confirmed the plan on Friday.', published: at(1), fetchedAt: at(1), image: 'https://cdn.example/tram.jpg' },
    { ...base, id: 'e000000000000002', url: 'https://news.example/snow', title: 'Snow closes mountain pass', text: 'Heavy snow closed the mountain pass on Wednesday. Police asked drivers to stay away.', published: at(3), fetchedAt: at(3), image: 'https://cdn.example/snow.jpg' },
  ];
}

async function handlerFor(now: Date, images = true) {
  const store = createMemoryStore();
  await store.addArticles(articles(now));
  return createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 }, images,
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    nextRun: () => null, log: silentLogger, expensivePerMinute: 100,
  });
}

describe('Telegram', () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegram({ handler: await handlerFor(TG_NOW) });
  });
  afterAll(() => h.close());

  it('each story title is a link to its lead article', async () => {
    const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/digest' });
    await h.fake.waitForMessages(1, PRIVATE.id);
    await h.fake.waitForConfirmed(id);
    await h.bot.idle(); // the update's replies were queued by then; wait until they are sent
    expect(h.fake.refused).toEqual([]);
    const html = h.fake.sent.map((m) => m.text).join('\n');
    expect(html).toContain('<a href="https://news.example/tram"><b>1. Council approves tram extension</b></a>');
    expect(html).toContain('<a href="https://news.example/snow"><b>2. Snow closes mountain pass</b></a>');
  });
});

describe('Discord', () => {
  let h: DiscordHarness;
  let off: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscord({ handler: await handlerFor(DC_NOW) });
  });
  afterAll(async () => {
    await h.stop();
    await off?.stop();
  });

  it('each embed links to its lead article; only the top story carries its picture as the thumbnail', async () => {
    const embeds = bodies(await h.run({ name: 'digest' })).flatMap((b) => b.embeds ?? []);
    expect(embeds.map((e) => (e as { url?: string }).url)).toEqual(['https://news.example/tram', 'https://news.example/snow']);
    expect(embeds.map((e) => (e as { thumbnail?: { url: string } }).thumbnail?.url)).toEqual(['https://cdn.example/tram.jpg', undefined]);
  });

  it('NEWSBOT_IMAGES=0 (images: false) sends no picture', async () => {
    off = await startDiscord({ handler: await handlerFor(DC_NOW, false) });
    const embeds = bodies(await off.run({ name: 'digest' })).flatMap((b) => b.embeds ?? []);
    expect(embeds.some((e) => 'thumbnail' in e)).toBe(false);
  });
});
