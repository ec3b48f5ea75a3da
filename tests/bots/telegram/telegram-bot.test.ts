import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bots/commands/catalog.js';
import type { Digest } from '../../../src/digest/types.js';
import { ALICE, BOB, GROUP, NOW, PRIVATE, recordingHandler, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function bigDigest(stories: number): Digest {
  return {
    generatedAt: NOW.toISOString(),
    window: { from: '2026-03-01T09:30:00.000Z', to: NOW.toISOString() },
    topics: ['climate'],
    stories: Array.from({ length: stories }, (_, i) => ({
      id: `story${i}`,
      title: `Story ${i}: rivers & <floods> rise`,
      summary: [`Sentence one of story ${i} says water rose by 3 < 4 metres & more.`, 'A second sentence adds detail. '.repeat(12)],
      sources: [{ name: 'Example News', url: `https://news.example/${i}?a=1&b=2`, title: `Story ${i}` }],
      articles: 1,
      updated: NOW.toISOString(),
    })),
  };
}

describe('Telegram bot, end to end against the fake Bot API', () => {
  it('given a good token, checks it, registers every command in the menu and long-polls', async () => {
    h = await startHarness({ handler: recordingHandler() });
    expect(h.bot.botInfo).toEqual({ id: 777, username: 'newsbot_test_bot' });
    expect((h.fake.commands as { command: string }[]).map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
    // Localised menus, one per language, with the same commands.
    expect([...h.fake.commandsByLanguage.keys()].sort()).toEqual(['de', 'es', 'fa', 'fr', 'ru']);
    const de = h.fake.commandsByLanguage.get('de') as { command: string; description: string }[];
    expect(de.map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
    expect(de.find((c) => c.command === 'help')?.description).toBe('Was dieser Bot kann');
    await h.fake.waitFor(() => (h?.fake.callsOf('getUpdates').length ? true : null), 'a getUpdates call');
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('given setMyCommands failing, logs a warning and still starts', async () => {
    h = await startHarness({ handler: recordingHandler(), before: (f) => { f.failSetMyCommands = true; } });
    expect(h.logs.some((l) => l.includes('setMyCommands') && l.includes('"warn"'))).toBe(true);
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1);
  });

  it('given /digest climate in a private chat, passes a full request and answers in HTML', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/digest climate  floods' });
    const [sent] = await h.fake.waitForMessages(1, PRIVATE.id);
    expect(handler.requests).toEqual([{
      platform: 'telegram', chatId: '5001', scope: '5001', chatType: 'private', userId: '5001', isAdmin: true,
      command: 'digest', args: ['climate', 'floods'], now: NOW,
    }]);
    expect(sent?.parse_mode).toBe('HTML');
    expect(sent?.text).toBe('<b>/digest</b>\nargs: climate floods');
    expect(sent?.link_preview_options).toEqual({ is_disabled: true });
  });

  it('given text with < and &, escapes it so Telegram accepts it', async () => {
    h = await startHarness({ handler: recordingHandler(() => ({ kind: 'text', title: 'R&D <news>', lines: ['a < b && c > d', '<script>'] })) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    const [sent] = await h.fake.waitForMessages(1);
    expect(sent?.visible).toBe('R&D <news>\na < b && c > d\n<script>');
    expect(h.fake.refused).toEqual([]);
  });

  it('given an error reply with a usage line, sends both', async () => {
    h = await startHarness({ handler: recordingHandler(() => ({ kind: 'error', text: 'Give a number from 1 to 20.', usage: '/latest [n]' })) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/latest lots' });
    const [sent] = await h.fake.waitForMessages(1);
    expect(sent?.visible).toContain('Give a number from 1 to 20.');
    expect(sent?.visible).toContain('/latest [n]');
  });

  it('given a long digest, sends several valid messages, each with at most one preview', async () => {
    h = await startHarness({ handler: recordingHandler(() => ({ kind: 'digest', digest: bigDigest(40), emptyText: 'No new stories.' })) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/digest' });
    await h.fake.waitFor(() => (h?.fake.sent.some((m) => m.visible.includes('Story 39')) ? true : null), 'the last story');
    expect(h.fake.refused).toEqual([]);
    expect(h.fake.sent.length).toBeGreaterThan(1);
    for (const m of h.fake.sent) {
      expect(m.visible.length).toBeLessThanOrEqual(4096);
      const p = m.link_preview_options as { is_disabled?: boolean; url?: string };
      expect(p.is_disabled === true || typeof p.url === 'string').toBe(true);
    }
    const joined = h.fake.sent.map((m) => m.visible).join('\n');
    for (let i = 0; i < 40; i++) expect(joined).toContain(`Story ${i}: rivers & <floods> rise`);
  });

  it('given an empty digest, sends its empty text', async () => {
    h = await startHarness({ handler: recordingHandler(() => ({ kind: 'digest', digest: { ...bigDigest(0) }, emptyText: 'No new stories since yesterday.' })) });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/digest' });
    const [sent] = await h.fake.waitForMessages(1);
    expect(sent?.visible).toContain('No new stories since yesterday.');
  });

  it('given an admin-only command in a group, asks getChatMember: member → not admin, administrator → admin', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler, before: (f) => f.setRole(GROUP.id, BOB.id, 'administrator') });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/feeds list' });
    h.fake.sendCommand({ chat: GROUP, from: BOB, text: '/status' });
    await h.fake.waitForMessages(2, GROUP.id);
    expect(handler.requests.map((r) => [r.userId, r.chatType, r.scope, r.isAdmin])).toEqual([['5001', 'group', '-4001', false], ['5002', 'group', '-4001', true]]);
    expect(h.fake.callsOf('getChatMember')).toHaveLength(2);
  });

  it('given a command for everyone in a group, does not call getChatMember', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler, before: (f) => f.setRole(GROUP.id, BOB.id, 'creator') });
    h.fake.sendCommand({ chat: GROUP, from: BOB, text: '/latest 3' });
    await h.fake.waitForMessages(1, GROUP.id);
    expect(h.fake.callsOf('getChatMember')).toEqual([]);
  });

  it('given the same admin twice in a row, asks Telegram once (cached)', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler, before: (f) => f.setRole(GROUP.id, BOB.id, 'administrator') });
    h.fake.sendCommand({ chat: GROUP, from: BOB, text: '/topics list' });
    h.fake.sendCommand({ chat: GROUP, from: BOB, text: '/subscribe 08:00' });
    await h.fake.waitForMessages(2, GROUP.id);
    expect(handler.requests.map((r) => r.isAdmin)).toEqual([true, true]);
    expect(h.fake.callsOf('getChatMember')).toHaveLength(1);
  });

  it('given a NEWSBOT_ADMINS id in a group, is admin without asking Telegram', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler, admins: ['telegram:5001'] });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/unsubscribe' });
    await h.fake.waitForMessages(1, GROUP.id);
    expect(handler.requests[0]?.isAdmin).toBe(true);
    expect(h.fake.callsOf('getChatMember')).toEqual([]);
  });

  it('given /cmd@OtherBot in a group, ignores it; /cmd@ourbot is answered', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler });
    const ignored = h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/digest@SomeOtherBot' });
    h.fake.sendCommand({ chat: GROUP, from: ALICE, text: '/search@newsbot_test_bot tram docks' });
    await h.fake.waitForMessages(1, GROUP.id);
    await h.fake.waitForConfirmed(ignored);
    expect(handler.requests.map((r) => [r.command, r.args])).toEqual([['search', ['tram', 'docks']]]);
  });

  it('given plain text without a command, answers nothing', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler });
    const id = h.fake.sendUpdate({ message: { message_id: 1, date: 1, chat: PRIVATE, from: { ...ALICE, is_bot: false }, text: 'hello /digest' } });
    h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/help' });
    await h.fake.waitForMessages(1);
    await h.fake.waitForConfirmed(id);
    expect(handler.requests.map((r) => r.command)).toEqual(['help']);
  });

  it('given webhook mode, sets the webhook with a secret and answers updates posted to it, refusing a wrong secret', async () => {
    const handler = recordingHandler();
    h = await startHarness({ handler, webhookUrl: 'https://bot.example/tg/hook' });
    expect(h.fake.callsOf('getUpdates')).toEqual([]);
    const secret = h.fake.webhook?.secret_token ?? '';
    expect(h.fake.webhook?.url).toBe('https://bot.example/tg/hook');
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    const post = (token: string, text: string) => fetch(`http://127.0.0.1:${h?.bot.webhook?.port}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': token },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: PRIVATE, from: { ...ALICE, is_bot: false }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } }),
    });
    expect((await post('wrong', '/digest forged')).status).toBe(403);
    expect((await post(secret, '/digest real')).status).toBe(200);
    await h.fake.waitForMessages(1, PRIVATE.id);
    expect(handler.requests.map((r) => r.args)).toEqual([['real']]);
  });
});
