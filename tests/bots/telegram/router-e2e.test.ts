/**
 * Every command through the whole path: fake Bot API → telegraf → adapter → the real command
 * router on an in-memory store → renderer → sendMessage validated like Telegram does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import type { Article, Subscription } from '../../../src/model.js';
import { silentLogger } from '../../../src/log.js';
import type { FakeChat, FakeUser } from '../../fakes/telegram/fake-bot-api.js';
import { ALICE, BOB, GROUP, NOW, PRIVATE, startHarness } from './harness.js';
import type { Harness } from './harness.js';

function article(id: string, title: string, text: string, hoursAgo: number, extra: Partial<Article> = {}): Article {
  const t = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return { id, url: `https://news.example/${id}`, title, text, description: null, byline: null, published: t, fetchedAt: t, source: 'Example & Co', language: 'en', feedId: null, ...extra };
}
const para = (s: string) => `${s} Officials confirmed the plan on Friday. Residents said they had expected the news for weeks. Work starts in spring.`;

let h: Harness;
let store: Store;
const readUrls: string[] = [];

beforeAll(async () => {
  store = createMemoryStore();
  await store.addArticles([
    article('aaaaaaaaaaaaaaa1', 'Council approves tram extension to the <docks>', para('The city council approved a tram extension to the docks.'), 2),
    article('aaaaaaaaaaaaaaa2', 'Snow closes mountain pass', para('Heavy snow closed the mountain pass on Wednesday.'), 5),
    article('aaaaaaaaaaaaaaa3', 'Library reopens after fire', para('The central library reopened six years after a fire.'), 30),
  ]);
  const handler = createCommandHandler({ wording: wordingOf,
    store,
    config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: async (url) => {
      readUrls.push(url);
      return article('bbbbbbbbbbbbbbb1', 'A linked page', 'First sentence of the page. Second sentence is here. Third one too. Fourth is extra.', 0, { url });
    },
    fetcher: async () => { throw new Error('no network in this test'); },
    nextRun: (_sub: Subscription, after: Date) => new Date(after.getTime() + 3_600_000),
    log: silentLogger,
    // Every command of these tests comes at the same instant (a fixed clock): no flood limit.
    commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
    expensivePerMinute: 100,
  });
  h = await startHarness({ handler, before: (f) => f.setRole(GROUP.id, BOB.id, 'administrator') });
});
afterAll(async () => {
  await h.close();
});

/** Sends a command and returns the visible text of every reply message to that chat. */
const ask = (chat: FakeChat, from: FakeUser, text: string): Promise<string> => h.ask(chat, from, text);

describe('every command through Telegram and the real router', () => {
  it('/start and /help list the commands', async () => {
    for (const cmd of ['/start', '/help']) {
      const out = await ask(PRIVATE, ALICE, cmd);
      for (const c of ['/digest', '/latest', '/search', '/summary', '/subscribe', '/unsubscribe', '/schedule', '/topics', '/feeds', '/status']) expect(out).toContain(c);
    }
  });

  it('/digest shows the last day, /digest <topic> with no news says so', async () => {
    const out = await ask(PRIVATE, ALICE, '/digest');
    expect(out).toContain('Council approves tram extension to the <docks>');
    expect(out).not.toContain('Library reopens');
    expect(await ask(PRIVATE, ALICE, '/digest volcano')).toMatch(/no new stories/i);
  });

  it('/latest [n], /search <words>, /summary <id> and /summary <url>', async () => {
    const latest = await ask(PRIVATE, ALICE, '/latest 2');
    expect(latest).toContain('Council approves tram extension');
    expect(latest).toContain('aaaaaaaaaaaaaaa1');
    expect(await ask(PRIVATE, ALICE, '/search tram docks')).toContain('Council approves tram extension');
    expect(await ask(PRIVATE, ALICE, '/summary aaaaaaaaaaaaaaa2')).toContain('Heavy snow closed the mountain pass');
    expect(await ask(PRIVATE, ALICE, '/summary https://page.example/story?a=1&b=2')).toContain('First sentence of the page.');
    expect(readUrls.length).toBe(1);
  });

  it('bad arguments get the usage line', async () => {
    expect(await ask(PRIVATE, ALICE, '/latest lots')).toContain('/latest [n]');
    expect(await ask(PRIVATE, ALICE, '/search')).toContain('/search <words>');
  });

  it('an unknown command points to /help', async () => {
    expect(await ask(PRIVATE, ALICE, '/frobnicate')).toContain('/help');
  });

  it('admin commands in a group: a member is refused, an administrator is served', async () => {
    for (const cmd of ['/subscribe', '/unsubscribe', '/schedule 08:00', '/topics list', '/feeds list', '/status']) {
      expect(await ask(GROUP, ALICE, cmd)).toContain('Only chat administrators can use');
    }
    expect(await ask(GROUP, BOB, '/subscribe 07:30 Europe/Berlin')).toContain('07:30');
    const sub = await store.getSubscription(`telegram:${GROUP.id}`);
    expect(sub).toMatchObject({ active: true, times: ['07:30'], timezone: 'Europe/Berlin', scope: `telegram:${GROUP.id}` });
    expect(await ask(GROUP, BOB, '/schedule 08:00,18:30')).toContain('18:30');
    expect((await store.getSubscription(`telegram:${GROUP.id}`))?.times).toEqual(['08:00', '18:30']);
    await ask(GROUP, BOB, '/topics add climate -celebrity');
    expect(await ask(GROUP, BOB, '/topics list')).toContain('climate');
    await ask(GROUP, BOB, '/topics remove climate');
    expect((await store.getSubscription(`telegram:${GROUP.id}`))?.topics).toEqual([]);
    await ask(GROUP, BOB, '/topics clear');
    expect((await store.getSubscription(`telegram:${GROUP.id}`))?.mutes).toEqual([]);
    expect(await ask(GROUP, BOB, '/feeds list')).toContain('No feeds yet');
    // The fetcher has no network here, so adding fails: the user gets the reason and the usage line.
    expect(await ask(GROUP, BOB, '/feeds add https://feeds.example/rss')).toContain('/feeds add <url>');
    expect(await ask(GROUP, BOB, '/feeds remove nosuchfeed')).toContain('No feed "nosuchfeed"');
    expect(await ask(GROUP, BOB, '/status')).toContain('08:00');
    await ask(GROUP, BOB, '/unsubscribe');
    expect((await store.getSubscription(`telegram:${GROUP.id}`))?.active).toBe(false);
  });

  it('in a private chat the user is the admin of it', async () => {
    expect(await ask(PRIVATE, ALICE, '/subscribe 09:00')).toContain('09:00');
    expect((await store.getSubscription(`telegram:${PRIVATE.id}`))?.active).toBe(true);
  });
});
