import { beforeEach, describe, expect, it } from 'vitest';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import type { CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import type { CommandHandler } from '../../../src/bots/commands/types.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import type { Article, Subscription } from '../../../src/model.js';
import { silentLogger } from '../../../src/log.js';

const NOW = new Date('2026-11-28T12:00:00Z');

function article(id: string, title: string, text: string, hoursAgo: number, extra: Partial<Article> = {}): Article {
  const t = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return { id, url: `https://news.example/${id}`, title, text, description: null, byline: null, published: t, fetchedAt: t, source: 'example', language: 'en', feedId: null, ...extra };
}

const para = (s: string) => `${s} ${s.replace(/\.$/, '')} was confirmed by officials on Friday. Residents said they had expected the news for weeks.`;

function request(command: string, args: string[] = [], over: Partial<CommandRequest> = {}): CommandRequest {
  return { platform: 'telegram', chatId: '-100', scope: '-100', chatType: 'group', userId: 'u1', isAdmin: false, command, args, now: NOW, ...over };
}

function text(reply: Reply): string {
  if (reply.kind === 'text') return [reply.title ?? '', ...reply.lines].join('\n');
  if (reply.kind === 'error') return `${reply.text}\n${reply.usage ?? ''}`;
  if (reply.kind === 'file') return `${reply.caption}\n${reply.content}`;
  if (reply.kind === 'none') return '';
  return JSON.stringify(reply.digest);
}

describe('command router', () => {
  let store: Store;
  let handle: CommandHandler;
  let read: string[];

  beforeEach(async () => {
    store = createMemoryStore();
    read = [];
    await store.addArticles([
      article('aaaaaaaaaaaaaaa1', 'Council approves tram extension', para('The city council approved a tram extension to the docks.'), 2),
      article('aaaaaaaaaaaaaaa2', 'Snow closes mountain pass', para('Heavy snow closed the mountain pass on Wednesday.'), 5),
      article('aaaaaaaaaaaaaaa3', 'Library reopens after fire', para('The central library reopened six years after a fire.'), 30),
    ]);
    handle = createCommandHandler({ wording: wordingOf,
      store,
      config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
      readUrl: async (url) => {
        read.push(url);
        return article('bbbbbbbbbbbbbbb1', 'A page', 'First sentence of the page. Second sentence here. Third one too. Fourth is extra.', 0, { url });
      },
      fetcher: async () => { throw new Error('no network in this test'); },
      nextRun: (sub: Subscription, after: Date) => new Date(after.getTime() + 3_600_000 + sub.times.length),
      log: silentLogger,
      // Every request of these tests comes at the same instant (NOW); floods are tested in flood-limits.test.ts.
      commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
    });
  });

  it('answers /help with every command', async () => {
    const r = await handle(request('help'));
    for (const c of ['/digest', '/latest', '/search', '/summary', '/subscribe', '/unsubscribe', '/schedule', '/topics', '/feeds', '/status']) expect(text(r)).toContain(c);
  });

  it('points an unknown command to /help', async () => {
    const r = await handle(request('frobnicate'));
    expect(r.kind).toBe('error');
    expect(text(r)).toContain('/help');
  });

  it('builds a digest of the last 24 hours, leaving out older articles', async () => {
    const r = await handle(request('digest'));
    expect(r.kind).toBe('digest');
    if (r.kind !== 'digest') return;
    const titles = r.digest.stories.map((s) => s.title);
    expect(titles).toContain('Council approves tram extension');
    expect(titles).not.toContain('Library reopens after fire');
  });

  it('gives a friendly empty digest for a topic with no news', async () => {
    const r = await handle(request('digest', ['volcano']));
    expect(r.kind).toBe('digest');
    if (r.kind === 'digest') {
      expect(r.digest.stories).toHaveLength(0);
      expect(r.emptyText).toMatch(/no new stories/i);
    }
  });

  it('rate-limits /digest per user with a polite wait', async () => {
    for (let i = 0; i < 4; i++) expect((await handle(request('digest'))).kind).toBe('digest');
    const r = await handle(request('digest'));
    expect(text(r)).toMatch(/try again in \d+ s/);
    expect((await handle(request('digest', [], { userId: 'u2' }))).kind).toBe('digest');
  });

  it('lists the latest articles newest first, and validates n', async () => {
    const r = await handle(request('latest', ['2']));
    expect(text(r).indexOf('tram')).toBeLessThan(text(r).indexOf('Snow'));
    expect(text(r)).not.toContain('Library');
    const bad = await handle(request('latest', ['zero']));
    expect(bad.kind === 'error' && bad.usage).toBe('/latest [n]');
  });

  it('searches stored articles', async () => {
    expect(text(await handle(request('search', ['library'])))).toContain('Library reopens after fire');
    expect(text(await handle(request('search', ['nonexistentword'])))).toMatch(/Nothing stored matches/);
    expect((await handle(request('search'))).kind).toBe('error');
  });

  it('summarises a stored article by id, and a URL through readUrl', async () => {
    const byId = await handle(request('summary', ['aaaaaaaaaaaaaaa2']));
    expect(byId.kind).toBe('text');
    expect(text(byId)).toContain('Heavy snow closed the mountain pass on Wednesday.');
    const byUrl = await handle(request('summary', ['https://pages.example/a']));
    expect(read).toEqual(['https://pages.example/a']);
    expect(text(byUrl)).toContain('First sentence of the page.');
    expect((await handle(request('summary', ['nonsense']))).kind).toBe('error');
    expect(text(await handle(request('summary', ['ffffffffffffffff'])))).toMatch(/No stored article/);
  });

  it('refuses admin commands to non-admins, saying who may', async () => {
    for (const c of ['subscribe', 'unsubscribe', 'schedule', 'topics', 'feeds', 'status']) {
      const r = await handle(request(c, []));
      expect(r.kind).toBe('error');
      expect(text(r)).toMatch(/administrators/);
    }
    const discord = await handle(request('feeds', ['list'], { platform: 'discord' }));
    expect(text(discord)).toMatch(/Manage Server/);
  });

  it('subscribes with a time and zone, schedules several times, and unsubscribes keeping topics', async () => {
    const admin = { isAdmin: true };
    const sub = await handle(request('subscribe', ['7:30', 'europe/berlin'], admin));
    expect(text(sub)).toContain('07:30');
    expect(text(sub)).toContain('Europe/Berlin');
    let stored = await store.getSubscription('telegram:-100');
    expect(stored).toMatchObject({ active: true, times: ['07:30'], timezone: 'Europe/Berlin', scope: 'telegram:-100' });

    expect(text(await handle(request('schedule', ['18:00,08:00', 'America/New_York'], admin)))).toContain('08:00, 18:00');
    stored = await store.getSubscription('telegram:-100');
    expect(stored).toMatchObject({ times: ['08:00', '18:00'], timezone: 'America/New_York' });

    expect(text(await handle(request('schedule', ['07:00', 'weekdays', 'Europe/Paris'], admin)))).toContain('07:00 Mon–Fri (Europe/Paris)');
    expect(await store.getSubscription('telegram:-100')).toMatchObject({ times: ['07:00'], weekdays: [1, 2, 3, 4, 5], timezone: 'Europe/Paris' });
    expect((await handle(request('schedule', ['07:00', 'funday'], admin))).kind).toBe('error');
    await handle(request('schedule', ['18:00,08:00', 'daily', 'America/New_York'], admin));

    const badTime = await handle(request('schedule', ['25:00'], admin));
    expect(badTime.kind === 'error' && badTime.usage).toContain('/schedule');
    const badZone = await handle(request('subscribe', ['08:00', 'Mars/Base'], admin));
    expect(text(badZone)).toMatch(/IANA/);

    await handle(request('topics', ['add', 'tram', '-snow'], admin));
    expect(text(await handle(request('unsubscribe', [], admin)))).toMatch(/Unsubscribed/);
    stored = await store.getSubscription('telegram:-100');
    expect(stored).toMatchObject({ active: false, topics: ['tram'], mutes: ['snow'] });
  });

  it('applies topics and mutes to the chat digest', async () => {
    const admin = { isAdmin: true };
    await handle(request('topics', ['add', '-snow'], admin));
    const r = await handle(request('digest', [], { userId: 'u9' }));
    if (r.kind !== 'digest') throw new Error('expected a digest');
    expect(r.digest.stories.map((s) => s.title)).toEqual(['Council approves tram extension']);
    expect(text(await handle(request('topics', ['list'], admin)))).toMatch(/Muted: snow/);
    expect(text(await handle(request('topics', ['clear'], admin)))).toMatch(/everything/);
  });

  it('caps topic words per chat', async () => {
    const words = Array.from({ length: 26 }, (_, i) => `word${i}`);
    const r = await handle(request('topics', ['add', ...words], { isAdmin: true }));
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(/at most 25/);
  });

  it('shows status with the pause reason', async () => {
    const admin = { isAdmin: true };
    await handle(request('subscribe', [], admin));
    const sub = (await store.getSubscription('telegram:-100'))!;
    await store.putSubscription({ ...sub, paused: { reason: 'bot was blocked by the user', at: NOW.toISOString() } });
    const r = await handle(request('status', [], admin));
    expect(text(r)).toContain('Articles stored: 3');
    expect(text(r)).toContain('bot was blocked by the user');
  });

  it('answers an unexpected failure with an apology, not a throw', async () => {
    const broken = createCommandHandler({ wording: wordingOf,
      store: { ...store, countArticles: () => Promise.reject(new Error('disk on fire')) } as Store,
      config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
      readUrl: () => Promise.reject(new Error('x')), fetcher: () => Promise.reject(new Error('x')), nextRun: () => null, log: silentLogger,
    });
    const r = await broken(request('status', [], { isAdmin: true }));
    expect(r.kind).toBe('error');
    expect(text(r)).not.toContain('disk on fire');
  });
});
