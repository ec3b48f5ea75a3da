import { describe, expect, it } from 'vitest';
import { TelegramError } from 'telegraf';
import { deliverReply } from '../../../src/bots/telegram/deliver-reply.js';
import type { SendMessage } from '../../../src/bots/telegram/telegram-message.js';
import { silentLogger } from '../../../src/log.js';
import { NOW, RecordingEvents, TOKEN } from './harness.js';

const msg = (html: string) => ({ html, previewUrl: null });

/** A send that fails with the given errors first (one per call), then succeeds; records every try. */
function scriptedSend(...errors: TelegramError[]): SendMessage & { tries: string[] } {
  const tries: string[] = [];
  const send = async (chatId: string, m: { html: string }) => {
    tries.push(`${chatId}:${m.html}`);
    const e = errors.shift();
    if (e) throw e;
  };
  return Object.assign(send, { tries });
}

function deps(send: SendMessage, slept: number[] = []) {
  const events = new RecordingEvents();
  return { events, d: { send, events, log: silentLogger, clock: () => NOW, sleep: async (ms: number) => { slept.push(ms); }, token: TOKEN } };
}

describe('deliverReply', () => {
  it('given all messages accepted, sends them in order and reports ok', async () => {
    const send = scriptedSend();
    const { d } = deps(send);
    expect(await deliverReply('1', [msg('a'), msg('b')], d)).toEqual({ ok: true, chatId: '1', sent: 2 });
    expect(send.tries).toEqual(['1:a', '1:b']);
  });

  it('given a 429 asking for longer than the longest wait, gives up at once without sleeping', async () => {
    const slept: number[] = [];
    const send = scriptedSend(new TelegramError({ error_code: 429, description: 'Too Many Requests: retry after 600', parameters: { retry_after: 600 } }));
    const { d, events } = deps(send, slept);
    expect(await deliverReply('1', [msg('a')], d)).toEqual({ ok: false, chatId: '1', sent: 0, reason: 'rate-limited' });
    expect(slept).toEqual([]);
    expect(events.paused).toEqual([]);
  });

  it('given a migration on the second message, moves the rest to the supergroup', async () => {
    const send = scriptedSend();
    const { d, events } = deps(send);
    let calls = 0;
    const migrating: SendMessage = async (chatId, m) => {
      calls += 1;
      if (calls === 2) throw new TelegramError({ error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1002 } });
      await send(chatId, m);
    };
    expect(await deliverReply('-2', [msg('a'), msg('b'), msg('c')], { ...d, send: migrating })).toEqual({ ok: true, chatId: '-1002', sent: 3 });
    expect(send.tries).toEqual(['-2:a', '-1002:b', '-1002:c']);
    expect(events.migrated).toEqual([{ platform: 'telegram', from: '-2', to: '-1002' }]);
  });

  it('given 400 chat not found, pauses the chat and stops', async () => {
    const send = scriptedSend(new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' }));
    const { d, events } = deps(send);
    expect(await deliverReply('9', [msg('a'), msg('b')], d)).toMatchObject({ ok: false, reason: 'paused', sent: 0 });
    expect(events.paused.map((p) => p.reason)).toEqual(['Telegram: chat not found (400)']);
    expect(send.tries).toEqual(['9:a']);
  });

  it('given a malformed message (400 parse error), skips pausing and reports failed', async () => {
    const send = scriptedSend(new TelegramError({ error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0" }));
    const { d, events } = deps(send);
    expect(await deliverReply('9', [msg('<x>')], d)).toMatchObject({ ok: false, reason: 'failed' });
    expect(events.paused).toEqual([]);
  });
});
