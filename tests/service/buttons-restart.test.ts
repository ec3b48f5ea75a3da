/**
 * Buttons survive a restart: `newsbot start` (Telegram and Discord at once, real clients, the fakes)
 * answers commands with buttons, is stopped, started again on the same data folder, and the old
 * buttons still work: their state is in their data, the key derives from the tokens, and a long
 * /search query waits in the store as a note.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, keyboardButtons } from '../fakes/telegram/fake-bot-api.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import type { InteractionLog } from '../fakes/discord/fake-discord.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { withStories } from '../../src/stories/story-keeper.js';
import { newsArticles } from '../bots/commands/news-fixture.js';
import { LONG_QUERY } from '../bots/buttons-fixture.js';
import { startService } from './service-harness.js';

const TG_TOKEN = '123456789:AAF-buttonsRestartToken_abcdefghijk';
const DC_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake-buttons.token-abcdefghijklmnop';
const CHAT = { id: 6001, type: 'private' as const };
const USER = { id: 6001, first_name: 'Ann' };

describe('buttons after a restart of newsbot start', () => {
  let tg: FakeBotApi;
  let dc: FakeDiscord;
  let root: string;
  let db: string;
  const env = () => ({
    TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: tg.apiRoot,
    DISCORD_TOKEN: DC_TOKEN, DISCORD_API_BASE: dc.apiBase, DISCORD_APPLICATION_ID: dc.ids.applicationId, DISCORD_GUILD_ID: dc.ids.guildId,
  });

  beforeAll(async () => {
    tg = await FakeBotApi.start({ token: TG_TOKEN });
    dc = await FakeDiscord.start({ token: DC_TOKEN });
    root = mkdtempSync(join(tmpdir(), 'newsbot-buttons-'));
    db = join(root, 'data');
    const now = new Date();
    const store = withStories(await openStore(db), { now: () => now });
    await store.addArticles(newsArticles(new Date(now.getTime() - 60_000), 12));
    await store.close();
  });
  afterAll(async () => {
    await tg.close();
    await dc.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Sends a command and waits for what its answer must show (replies go out through the rate-limited queue after the update is handled). */
  const ask = async (text: string, shown: () => boolean, what: string) => {
    const id = tg.sendCommand({ chat: CHAT, from: USER, text });
    await tg.waitForConfirmed(id, 20_000);
    await tg.waitFor(() => (shown() ? true : null), what, 30_000);
  };
  const answered = (ix: InteractionLog) => dc.waitFor(() => ix.edits.length + ix.followUps.length > 0, 'the Discord answer', 20_000);
  const text = (s: string | undefined) => (s ?? '').replace(/\\(.)/g, '$1');

  it('serves the buttons it sent before the restart, on Telegram and on Discord', async () => {
    const first = startService(db, env());
    let searchPage: number;
    let latestMessage: string;
    try {
      await ask(`/search ${LONG_QUERY}`, () => /\(1\/2\)/.test(tg.sent.at(-1)?.visible ?? ''), 'the first search page');
      const page = tg.sent.at(-1)!;
      expect(page.visible).toMatch(/\(1\/2\)/);
      expect(keyboardButtons(page.reply_markup).map((b) => b.callback_data).join()).toContain('~');
      searchPage = page.message_id;
      await ask('/digest', () => keyboardButtons(tg.sent.at(-1)?.reply_markup).some((b) => b.text === 'More stories'), 'the digest with More stories');
      expect(keyboardButtons(tg.sent.at(-1)!.reply_markup).map((b) => b.text)).toContain('More stories');
      await answered(await dc.interact({ name: 'latest', options: [{ name: 'count', type: 4, value: 5 }] }));
      latestMessage = dc.messages.withButton(/Next/)!.message.id;
    } finally {
      expect((await first.stop()).code).toBe(0);
    }

    const second = startService(db, env());
    try {
      const next = tg.pressButton({ chat: CHAT, from: USER, label: /Next/ });
      await tg.waitForConfirmed(next.updateId, 20_000);
      await tg.waitFor(() => (/\(2\/2\)/.test(tg.sent.find((m) => m.message_id === searchPage)?.visible ?? '') ? true : null), 'the page turned', 30_000);
      expect(tg.sent.find((m) => m.message_id === searchPage)!.visible).toMatch(/\(2\/2\)/);
      const before = tg.sent.length;
      const more = tg.pressButton({ chat: CHAT, from: USER, label: /^More stories$/ });
      await tg.waitForConfirmed(more.updateId, 20_000);
      await tg.waitFor(() => (/\n+11\. School meals/.test(tg.sent.slice(before).map((m) => m.visible).join('\n')) ? true : null), 'the next stories', 30_000);
      expect(tg.sent.slice(before).map((m) => m.visible).join('\n')).toMatch(/\n+11\. School meals/); // the service's digest holds 10
      expect(tg.callbacks.answers.map((a) => a.text)).toEqual([undefined, undefined]);

      const found = dc.messages.withButton(/Next/)!;
      expect(found.message.id).toBe(latestMessage);
      const click = await dc.click({ messageId: found.message.id, customId: found.customId });
      await answered(click);
      expect(text(dc.messages.get(latestMessage)!.body.content)).toContain('Latest 5 articles (2/3)');
    } finally {
      expect((await second.stop()).code).toBe(0);
      expect(second.output()).not.toContain(TG_TOKEN);
    }
    expect(tg.refused).toEqual([]);
  }, 120_000);
});
