import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Telegraf } from 'telegraf';
import { createTelegramSender } from '../../../src/bots/telegram/chat-sender.js';
import { createSendMessage } from '../../../src/bots/telegram/telegram-message.js';
import { DeliveryError } from '../../../src/scheduler/sender.js';
import type { Digest } from '../../../src/digest/types.js';
import { FakeBotApi } from '../../fakes/telegram/fake-bot-api.js';
import { NOW, TOKEN } from './harness.js';

const digest: Digest = {
  generatedAt: NOW.toISOString(),
  window: { from: '2026-03-01T09:30:00.000Z', to: NOW.toISOString() },
  topics: [],
  stories: [{
    id: 's1', title: 'Tram line & docks <approved>', summary: ['The council approved it on Friday.'],
    sources: [{ name: 'City Paper', url: 'https://city.example/tram', title: 'Tram' }], articles: 1, updated: NOW.toISOString(),
  }],
};

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await FakeBotApi.start({ token: TOKEN });
});
afterEach(async () => {
  await fake.close();
});

const sender = () => createTelegramSender(createSendMessage(new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } }).telegram), TOKEN);

async function failure(chatId: number): Promise<DeliveryError> {
  const s = sender();
  const [m] = s.render(digest, 'nothing new');
  if (!m) throw new Error('no message rendered');
  const err = await s.send(String(chatId), m).then(() => null, (e: unknown) => e);
  if (!(err instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(err)}`);
  return err;
}

describe('Telegram ChatSender (scheduled digests)', () => {
  it('given a digest, renders messages Telegram accepts and sends one with its preview option', async () => {
    const s = sender();
    const messages = s.render(digest, 'nothing new');
    expect(s.platform).toBe('telegram');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) await s.send('42', m);
    expect(fake.refused).toEqual([]);
    expect(fake.sent.map((m) => m.chat_id)).toEqual(messages.map(() => '42'));
    expect(fake.sent.map((m) => m.visible).join('\n')).toContain('Tram line & docks <approved>');
    const preview = messages[0]?.previewUrl;
    expect(fake.sent[0]?.link_preview_options).toEqual(preview ? { url: preview } : { is_disabled: true });
  });

  it('given an empty digest, renders the empty text as one message', () => {
    const messages = sender().render({ ...digest, stories: [] }, 'No new stories since 08:00.');
    expect(messages.length).toBe(1);
    expect(messages[0]?.html).toContain('No new stories since 08:00.');
  });

  it('given 429 retry_after 5, throws rate-limited with 5000 ms', async () => {
    fake.failSends(1, { kind: 'rate-limited', retryAfter: 5 });
    const e = await failure(1);
    expect([e.kind, e.retryAfterMs]).toEqual(['rate-limited', 5000]);
  });

  it('given 403 blocked or 400 chat not found, throws permanent', async () => {
    fake.failSends(2, { kind: 'blocked' });
    fake.failSends(3, { kind: 'not-found' });
    expect((await failure(2)).kind).toBe('permanent');
    expect((await failure(3)).kind).toBe('permanent');
  });

  it('given a group upgraded to a supergroup, throws with migratedTo', async () => {
    fake.failSends(-4, { kind: 'migrated', to: -1004 });
    expect((await failure(-4)).migratedTo).toBe('-1004');
  });

  it('given a 5xx, throws transient; the message holds no token', async () => {
    fake.failSends(5, { kind: 'server-error' });
    const e = await failure(5);
    expect(e.kind).toBe('transient');
    expect(e.message).not.toContain(TOKEN);
  });
});
