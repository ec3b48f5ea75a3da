/**
 * Buttons and the top story's photo on Telegram end to end: the real router, the real telegraf
 * client, the fake Bot API checking inline keyboards (callback_data ≤ 64 bytes), photo captions
 * (≤ 1,024) and answerCallbackQuery; presses arrive as callback_query updates through getUpdates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyboardButtons } from '../../fakes/telegram/fake-bot-api.js';
import type { SentMessage } from '../../fakes/telegram/fake-bot-api.js';
import { LONG_QUERY, buttonsHandler, oldButton } from '../buttons-fixture.js';
import { ALICE, NOW, PRIVATE, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const TOP_PICTURE = 'https://cdn.example/top.jpg';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ handler: (await buttonsHandler(NOW, { pictures: true })).handler });
});
afterAll(() => h.close());

const mine = (): SentMessage[] => h.fake.sent.filter((m) => m.chat_id === String(PRIVATE.id));
const labels = (m: SentMessage | undefined): string[] => keyboardButtons(m?.reply_markup).map((b) => b.text);

/** Sends a command; returns the messages it produced once its update was handled. */
async function ask(text: string): Promise<SentMessage[]> {
  const before = mine().length;
  const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text });
  await h.fake.waitForConfirmed(id);
  await h.bot.idle(); // the update's replies were queued by then; wait until they are sent
  return mine().slice(before);
}

/** Presses the newest button labelled `label`; returns the new messages once the press was handled. */
async function press(label: RegExp, o: { data?: string } = {}): Promise<{ fresh: SentMessage[]; on: SentMessage; answer: { text?: string; show_alert?: boolean } | undefined }> {
  const before = mine().length;
  const { updateId, queryId, message } = h.fake.pressButton({ chat: PRIVATE, from: ALICE, label, ...(o.data ? { data: o.data, unchecked: true } : {}) });
  await h.fake.waitForConfirmed(updateId);
  await h.bot.idle();
  return { fresh: mine().slice(before), on: message, answer: h.fake.callbacks.answers.find((a) => a.callback_query_id === queryId) };
}

describe('Telegram buttons and photo', () => {
  it('/digest sends the top story as a photo with its caption, the rest as text, with a keyboard per message', async () => {
    const [photo, rest, ...more] = await ask('/digest');
    expect(more).toEqual([]);
    expect(photo!.photo).toBe(TOP_PICTURE);
    expect(photo!.visible).toMatch(/^News digest · .*\n\n1\. Council approves tram extension/);
    expect(photo!.visible.length).toBeLessThanOrEqual(1024);
    expect(labels(photo)).toEqual(['1. Summary', '1. Sources']);
    expect(rest!.visible).toMatch(/^2\. Snow closes mountain pass/);
    expect(labels(rest)).toEqual([2, 3, 4, 5].flatMap((n) => [`${n}. Summary`, `${n}. Sources`]).concat('More stories'));
    for (const b of keyboardButtons(rest!.reply_markup)) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
    expect(h.fake.refused).toEqual([]);
  });

  it('More stories answers the query and sends the next stories, numbered on', async () => {
    const { fresh, answer } = await press(/^More stories$/);
    expect(answer).toEqual({ callback_query_id: expect.any(String) });
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.photo).toBeUndefined();
    expect(fresh[0]!.visible).toMatch(/^News digest[^\n]*\n\n6\. /);
    expect(labels(fresh[0])).toContain('10. Sources');
    expect(labels(fresh[0])).toContain('More stories');
    const last = await press(/^More stories$/);
    expect(last.fresh[0]!.visible).toMatch(/\n11\. [\s\S]*\n\n12\. /);
    expect(labels(last.fresh[0])).not.toContain('More stories');
  });

  it('Summary and Sources send the story with its links', async () => {
    const summary = await press(/^1\. Summary$/);
    expect(summary.fresh[0]!.visible).toMatch(/^Council approves tram extension\n/);
    expect(summary.fresh[0]!.visible).toContain('https://news.example/a/0');
    const sources = await press(/^2\. Sources$/);
    expect(sources.fresh[0]!.visible).toMatch(/^Snow closes mountain pass\n1 source · 1 article\nSource 1 — Snow closes mountain pass/);
  });

  it('/latest turns its pages by editing the message the buttons are on', async () => {
    const [page] = await ask('/latest 5');
    expect(page!.visible).toMatch(/^Latest 5 articles \(1\/3\)/);
    const next = await press(/Next/);
    expect(next.fresh).toEqual([]);
    expect(next.answer).toBeDefined();
    const edited = h.fake.sent.find((m) => m.message_id === page!.message_id)!;
    expect(edited.edits).toBe(1);
    expect(edited.visible).toMatch(/^Latest 5 articles \(2\/3\)/);
    expect(labels(edited)).toEqual(['◀ Previous', 'Next ▶']);
    await press(/Next/);
    expect(edited.visible).toMatch(/^Latest 2 articles \(3\/3\)/);
    expect(labels(edited)).toEqual(['◀ Previous']);
  });

  it('/search with a long query pages through a stored note', async () => {
    const [page] = await ask(`/search ${LONG_QUERY}`);
    expect(page!.visible).toMatch(/\(1\/2\)/);
    expect(keyboardButtons(page!.reply_markup)[0]!.callback_data).toContain('~');
    await press(/Next/);
    expect(h.fake.sent.find((m) => m.message_id === page!.message_id)!.visible).toMatch(/\(2\/2\)/);
  });

  it('refuses a changed and an expired button in the query alert, sending and editing nothing', async () => {
    const [page] = await ask('/latest 5');
    const data = keyboardButtons(page!.reply_markup)[0]!.callback_data!;
    const forged = await press(/Next/, { data: data.replace('.5.', '.7.') });
    expect(forged.answer).toMatchObject({ text: 'This button is not valid.', show_alert: true });
    const chat = `telegram:${PRIVATE.id}`;
    const expired = await press(/Next/, { data: oldButton(chat, { kind: 'more', page: 1, topic: null }, NOW, 8) });
    expect(expired.answer).toMatchObject({ text: 'This button has expired; send the command again.' });
    expect([...forged.fresh, ...expired.fresh]).toEqual([]);
    expect(h.fake.sent.find((m) => m.message_id === page!.message_id)!.edits).toBe(0);
    expect(h.fake.refused).toEqual([]);
  });
});

describe('Telegram photo fallbacks', () => {
  it('when Telegram cannot fetch the picture, sends the same caption as text', async () => {
    h.fake.refusePhotos.set(TOP_PICTURE, 'Bad Request: failed to get HTTP URL content');
    try {
      const [first] = await ask('/digest');
      expect(first!.photo).toBeUndefined();
      expect(first!.visible).toMatch(/^News digest · .*\n\n1\. Council approves tram extension/);
      expect(labels(first)).toEqual(['1. Summary', '1. Sources']);
      expect(h.fake.refused.map((r) => r.method)).toEqual(['sendPhoto']);
    } finally {
      h.fake.refusePhotos.clear();
      h.fake.refused.length = 0;
    }
  });

  it('with NEWSBOT_IMAGES=0 (images: false) sends no photo', async () => {
    const off = await startHarness({ handler: (await buttonsHandler(NOW, { pictures: true, images: false })).handler });
    try {
      const id = off.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/digest' });
      await off.fake.waitForConfirmed(id);
      await off.bot.idle();
      expect(off.fake.sent.length).toBeGreaterThan(0);
      expect(off.fake.sent.some((m) => m.photo)).toBe(false);
      expect(off.fake.callsOf('sendPhoto')).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

describe('the fake Bot API checks what Telegram checks', () => {
  it('refuses a caption over 1,024 characters, callback_data over 64 bytes, and an answer after the query expired', async () => {
    const tooLong = await h.bot.sender.send(String(PRIVATE.id), { html: 'x'.repeat(1025), previewUrl: null, photo: TOP_PICTURE }).then(() => null, (e: unknown) => e as Error);
    expect(tooLong?.message).toContain('message caption is too long');
    const data = await h.bot.sender.send(String(PRIVATE.id), { html: 'x', previewUrl: null, buttons: [[{ label: 'b', data: 'é'.repeat(33) }]] }).then(() => null, (e: unknown) => e as Error);
    expect(data?.message).toContain('BUTTON_DATA_INVALID');
    h.fake.refused.length = 0;

    const late = await startHarness({ handler: (await buttonsHandler(NOW)).handler, fake: { callbackLifeMs: -1 } });
    try {
      const id = late.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/latest 5' });
      await late.fake.waitForConfirmed(id);
      await late.bot.idle();
      const { updateId } = late.fake.pressButton({ chat: PRIVATE, from: ALICE, label: /Next/ });
      await late.fake.waitForConfirmed(updateId);
      await late.bot.idle();
      expect(late.fake.refused.map((r) => [r.method, r.description])).toEqual([['answerCallbackQuery', 'Bad Request: query is too old and response timeout expired or query ID is invalid']]);
      // The page still turns; the late answer is only logged.
      expect(late.fake.sent[0]!.visible).toMatch(/\(2\/3\)/);
      expect(late.logs.join('\n')).toContain('could not answer a button press');
    } finally {
      await late.close();
    }
  });
});
