/**
 * A German and a Persian user through the real clients and router: Telegram's language_code and
 * Discord's interaction locale pick the language; /language sets it for the chat; Persian keeps
 * Latin names and commands in bidi isolates; unsupported locales get English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { silentLogger } from '../../../src/log.js';
import type { Article, Subscription } from '../../../src/model.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import type { FakeChat, FakeUser } from '../../fakes/telegram/fake-bot-api.js';
import { startHarness as startTelegram, type Harness as TelegramHarness, NOW } from '../telegram/harness.js';
import { bodies, NOW as DISCORD_NOW, startHarness as startDiscord, type Harness as DiscordHarness } from '../discord/harness.js';

const FSI = '\u2068';
const PDI = '\u2069';
const t = new Date(NOW.getTime() - 2 * 3_600_000).toISOString();
const ARTICLE: Article = {
  id: 'd000000000000001', url: 'https://news.example/tram', title: 'Council approves tram extension', description: null, byline: null,
  text: 'The city council approved a tram extension to the docks. Officials confirmed the plan on Friday. Work starts in spring.',
  published: t, fetchedAt: t, source: 'Example News', language: 'en', feedId: null,
};

function handlerOn(store: Store) {
  return createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    nextRun: (_s: Subscription, after: Date) => new Date(after.getTime() + 3_600_000), log: silentLogger, expensivePerMinute: 100,
    // Every command of these tests comes at the same instant (a fixed clock): no flood limit.
    commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
  });
}

describe('Telegram: replies in the user’s language', () => {
  let h: TelegramHarness;
  const HANS: FakeUser = { id: 7001, first_name: 'Hans', language_code: 'de' };
  const SARA: FakeUser = { id: 7002, first_name: 'Sara', language_code: 'fa' };
  const chatOf = (u: FakeUser): FakeChat => ({ id: u.id, type: 'private' });
  beforeAll(async () => {
    const store = createMemoryStore();
    await store.addArticles([ARTICLE]);
    h = await startTelegram({ handler: handlerOn(store) });
  });
  afterAll(() => h.close());

  const ask = (from: FakeUser, text: string): Promise<string> => h.ask(chatOf(from), from, text);

  it('a German user gets German help, headings, dates and plurals', async () => {
    const help = await ask(HANS, '/help');
    expect(help).toContain('newsbot: Nachrichtenüberblicke in diesem Chat');
    expect(help).toContain('/digest [Thema] — Die wichtigsten Meldungen');
    expect(await ask(HANS, '/latest 1')).toContain('Neuester Artikel');
    const digest = await ask(HANS, '/digest');
    expect(digest).toContain('Nachrichtenüberblick · So., 1. März');
    expect(await ask(HANS, '/digest vulkan')).toMatch(/^Keine neuen Meldungen seit /);
    expect(await ask(HANS, '/frobnicate')).toBe('Unbekannter Befehl /frobnicate. Sende /help für die Liste.');
  });

  it('a Persian user gets Persian text with Latin names and commands isolated', async () => {
    const help = await ask(SARA, '/help');
    expect(help).toContain('newsbot: خلاصهٔ خبرها در این گفت‌وگو');
    const search = await ask(SARA, '/search tram');
    expect(search).toContain(`برای «${FSI}tram${PDI}»`);
    expect(search).toContain(`${FSI}Council approves tram extension${PDI}`);
    expect(await ask(SARA, '/digest')).toContain('خلاصهٔ خبرها');
  });

  it('/language sets the chat’s language over the user’s own, and an unknown code is refused in the current one', async () => {
    expect(await ask(HANS, '/language es')).toBe('Este chat recibe ahora los mensajes en Español.');
    expect(await ask(HANS, '/help')).toContain('Qué puede hacer este bot');
    expect(await ask(HANS, '/language xx')).toContain('No hablo «xx»');
    expect(await ask(HANS, '/language de')).toBe('Dieser Chat erhält Nachrichten jetzt auf Deutsch.');
  });
});

describe('Discord: replies in the interaction locale', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    const store = createMemoryStore();
    const at = new Date(DISCORD_NOW.getTime() - 2 * 3_600_000).toISOString();
    await store.addArticles([{ ...ARTICLE, published: at, fetchedAt: at }]);
    h = await startDiscord({ handler: handlerOn(store) });
  });
  afterAll(() => h.stop());
  const text = (ix: Awaited<ReturnType<DiscordHarness['run']>>) => JSON.stringify(bodies(ix));

  it('a German user (locale de) gets a German digest embed and help', async () => {
    const ix = await h.run({ name: 'digest', locale: 'de' });
    const all = text(ix);
    expect(all).toMatch(/\*\*Nachrichtenüberblick\*\* · \w\w\., \d+\. März/);
    expect(all).toContain('"name":"Quelle"');
    expect(all).toContain('1 Artikel · aktualisiert');
    expect(text(await h.run({ name: 'help', locale: 'de' }))).toContain('Was dieser Bot kann');
  });

  it('a Persian user (locale fa) gets Persian, an unsupported locale gets English', async () => {
    expect(text(await h.run({ name: 'help', locale: 'fa' }))).toContain('این ربات چه کارهایی می‌کند');
    expect(text(await h.run({ name: 'help', locale: 'pt-BR' }))).toContain('What this bot can do');
  });
});
