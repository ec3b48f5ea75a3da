/**
 * The settings commands in the reader's language, through the real clients and router: /subscribe,
 * /schedule with a bad time (the reason and the usage line), /topics, /feeds list with a feed's
 * health, /status. A German and a Persian user on Telegram (language_code) and on Discord
 * (interaction locale); a chat's /language wins over the client's. Persian keeps Latin values
 * (zones, times, names, commands) in bidi isolates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { silentLogger } from '../../../src/log.js';
import type { Article, Feed, Subscription } from '../../../src/model.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import type { FakeUser } from '../../fakes/telegram/fake-bot-api.js';
import type { OptionData } from '../../fakes/discord/fake-discord.js';
import { startHarness as startTelegram, type Harness as TelegramHarness, NOW } from '../telegram/harness.js';
import { bodies, MANAGE_GUILD, NOW as DISCORD_NOW, startHarness as startDiscord, type Harness as DiscordHarness } from '../discord/harness.js';

const iso = (s: string) => `\u2068${s}\u2069`;

function handlerOn(store: Store) {
  return createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    // The next digest is always tomorrow at the first time, as the chat's zone sees it (close enough here).
    nextRun: (_s: Subscription, after: Date) => new Date(after.getTime() + 24 * 3_600_000), log: silentLogger, expensivePerMinute: 100,
    // Every command of these tests comes at the same instant (a fixed clock): no flood limit.
    commandLimits: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
  });
}

function article(now: Date): Article {
  const t = new Date(now.getTime() - 2 * 3_600_000).toISOString();
  return {
    id: 'e000000000000001', url: 'https://news.example/tram', title: 'Council approves tram extension', description: null, byline: null,
    text: 'The city council approved a tram extension to the docks. Officials confirmed the plan on Friday.', published: t, fetchedAt: t,
    source: 'Example News', language: 'en', feedId: null,
  };
}

/** A healthy feed of one chat, fetched two hours before `now`, with 3 items. */
function feedOf(scope: string, now: Date): Feed {
  const at = new Date(now.getTime() - 2 * 3_600_000).toISOString();
  return {
    id: `f${scope.replace(/\D/g, '').slice(-6)}`, url: 'https://harbour.example/rss', title: 'Harbour News', scope, createdAt: at,
    etag: null, lastModified: null, lastFetchedAt: at, lastOkAt: at, failures: 0, lastError: null, disabled: false,
    ttlMinutes: null, nextFetchAt: null, itemCount: 3,
  };
}

describe('Telegram: settings commands in the user’s language', () => {
  let h: TelegramHarness;
  const HANS: FakeUser = { id: 7101, first_name: 'Hans', language_code: 'de' };
  const SARA: FakeUser = { id: 7102, first_name: 'Sara', language_code: 'fa' };
  const OLGA: FakeUser = { id: 7103, first_name: 'Olga', language_code: 'ru' };
  beforeAll(async () => {
    const store = createMemoryStore();
    await store.addArticles([article(NOW)]);
    for (const u of [HANS, SARA]) await store.putFeed(feedOf(`telegram:${u.id}`, NOW));
    h = await startTelegram({ handler: handlerOn(store) });
  });
  afterAll(() => h.close());

  const ask = (from: FakeUser, text: string): Promise<string> => h.ask({ id: from.id, type: 'private' }, from, text);

  it('a German user subscribes, gets a bad time refused with the usage line, and sees topics, feeds and status in German', async () => {
    const sub = await ask(HANS, '/subscribe 07:30 Europe/Berlin');
    expect(sub).toContain('Abonniert: ein Überblick täglich um 07:30 (Europe/Berlin).');
    expect(sub).toContain('Nächster Überblick: Di., 3. März, 10:30 Europe/Berlin.');
    const bad = await ask(HANS, '/schedule 25:00 weekdays');
    expect(bad).toContain('„25:00“ ist keine gültige Uhrzeit; verwende 00:00 bis 23:59');
    expect(bad).toContain('Verwendung: /schedule <HH:MM[,HH:MM…]> [Tage: weekdays | mon-fri | mon,wed,fri] [Zeitzone]');
    expect(await ask(HANS, '/schedule 07:30,18:00 weekdays')).toContain('Zustellzeiten: Mo–Fr um 07:30, 18:00 (Europe/Berlin).');
    const topics = await ask(HANS, '/topics add straßenbahn -promi');
    expect(topics).toBe('Themen aktualisiert.\nVerfolgte Themen: straßenbahn\nStummgeschaltet: promi');
    expect(await ask(HANS, '/topics frobnicate')).toContain('Unbekannte Aktion „frobnicate“.');
    const feeds = await ask(HANS, '/feeds list');
    expect(feeds).toContain('1 Feed');
    expect(feeds).toContain('Harbour News — ok, abgerufen vor 2 Std., 3 Einträge');
    const status = await ask(HANS, '/status');
    expect(status).toContain('newsbot-Status');
    expect(status).toContain('Gespeicherte Artikel: 1');
    expect(status).toContain('Feeds (1):');
    expect(status).toContain('Abo: 07:30, 18:00 Europe/Berlin');
    expect(status).toContain('Letzte Zustellung: noch keine');
    expect(status).toContain('Themen: straßenbahn; stummgeschaltet: promi');
  });

  it('a Persian user gets Persian replies with zones, times, commands and names isolated', async () => {
    const sub = await ask(SARA, '/subscribe 08:00 Asia/Tehran');
    expect(sub).toContain(`مشترک شدید: خلاصه در ساعت ${iso('08:00')} (${iso('Asia/Tehran')})، ${iso('هر روز')}.`);
    expect(sub).toMatch(/خلاصهٔ بعدی: .*اسفند.*\u2068Asia\/Tehran\u2069/);
    const bad = await ask(SARA, '/schedule 25:00');
    expect(bad).toContain(`«${iso('25:00')}» ساعتی از شبانه‌روز نیست`);
    expect(bad).toContain(`طرز استفاده: ${iso(`${iso('/schedule <HH:MM[,HH:MM…]>')} [روزها: weekdays | mon-fri | mon,wed,fri] [منطقهٔ زمانی]`)}`);
    // Persian digits are read as a time.
    expect(await ask(SARA, '/schedule ۰۷:۰۰')).toContain('زمان‌های خلاصه:');
    const topics = await ask(SARA, '/topics add tram');
    expect(topics).toContain('موضوع‌ها به‌روز شد.');
    expect(topics).toContain(`دنبال‌شده: ${iso('tram')}`);
    expect(topics).toContain(`بی‌صدا: ${iso('هیچ')}`);
    const feeds = await ask(SARA, '/feeds list');
    expect(feeds).toContain('۱ خوراک');
    expect(feeds).toContain(`${iso('Harbour News')} — سالم، دریافت ${iso('۲ ساعت پیش')}، ۳ مورد`);
    const status = await ask(SARA, '/status');
    expect(status).toContain('وضعیت newsbot');
    expect(status).toContain('مقاله‌های ذخیره‌شده: ۱');
    expect(status).toContain('آخرین ارسال: هنوز نه');
  });

  it('a chat’s /language wins over the user’s own language', async () => {
    expect(await ask(OLGA, '/feeds list')).toBe('Лент пока нет. Добавьте ленту командой /feeds add <url>.');
    await ask(OLGA, '/language fr');
    expect(await ask(OLGA, '/feeds list')).toBe('Pas encore de flux. Ajoutez-en un avec /feeds add <url>.');
    expect(await ask(OLGA, '/schedule 9')).toContain('« 9 » n’est pas une heure ; utilisez HH:MM, p. ex. 08:00\nUtilisation : /schedule');
    expect(await ask(OLGA, '/status')).toContain('Abonnement : aucun (utilisez /subscribe)');
  });
});

describe('Discord: settings commands in the interaction locale', () => {
  let h: DiscordHarness;
  const ADMIN = { permissions: MANAGE_GUILD };
  const str = (name: string, value: string): OptionData => ({ name, type: 3, value });
  const sub = (name: string, options: OptionData[] = []): OptionData => ({ name, type: 1, options });
  /** What the member reads: message contents and embeds, Discord's markdown escapes removed. */
  const text = (ix: Awaited<ReturnType<DiscordHarness['run']>>) =>
    bodies(ix).map((b) => [b.content ?? '', ...(b.embeds ?? []).map((e) => JSON.stringify(e))].join('\n')).join('\n').replace(/\\(.)/g, '$1');
  beforeAll(async () => {
    const store = createMemoryStore();
    await store.addArticles([article(DISCORD_NOW)]);
    h = await startDiscord({ handler: handlerOn(store) });
  });
  afterAll(() => h.stop());

  it('a German member (locale de) configures a channel in German', async () => {
    const where = { ...ADMIN, locale: 'de', channelId: '300000000000000101' };
    expect(text(await h.run({ name: 'subscribe', ...where, options: [str('time', '06:45'), str('timezone', 'Europe/Vienna')] })))
      .toContain('Abonniert: ein Überblick täglich um 06:45 (Europe/Vienna).');
    expect(text(await h.run({ name: 'schedule', ...where, options: [str('time', '6h')] }))).toContain('„6h“ ist keine Uhrzeit; verwende HH:MM, z. B. 08:00');
    expect(text(await h.run({ name: 'topics', ...where, options: [sub('list')] }))).toContain('Verfolgte Themen: alles (keine Themen festgelegt)');
    expect(text(await h.run({ name: 'feeds', ...where, options: [sub('list')] }))).toContain('Noch keine Feeds. Füge einen mit /feeds add <url> hinzu.');
    const status = text(await h.run({ name: 'status', ...where }));
    expect(status).toContain('newsbot-Status');
    expect(status).toContain('Abo: 06:45 Europe/Vienna, als Nächstes');
  });

  it('a Persian member (locale fa) gets Persian, and a channel’s /language wins over the locale', async () => {
    const where = { ...ADMIN, locale: 'fa', channelId: '300000000000000102' };
    expect(text(await h.run({ name: 'topics', ...where, options: [sub('list')] }))).toContain(`دنبال‌شده: ${iso('همه چیز (موضوعی تعیین نشده)')}`);
    expect(text(await h.run({ name: 'schedule', ...where, options: [str('time', '24:00')] }))).toContain(`«${iso('24:00')}» ساعتی از شبانه‌روز نیست`);
    expect(text(await h.run({ name: 'status', ...where }))).toContain('وضعیت newsbot');
    await h.run({ name: 'language', ...where, options: [str('code', 'de')] });
    expect(text(await h.run({ name: 'feeds', ...where, options: [sub('list')] }))).toContain('Noch keine Feeds.');
    expect(text(await h.run({ name: 'subscribe', ...where }))).toContain('Abonniert: ein Überblick täglich um 08:00 (UTC).');
  });
});
