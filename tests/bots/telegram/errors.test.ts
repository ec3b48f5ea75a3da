import { describe, expect, it } from 'vitest';
import { TelegramError } from 'telegraf';
import { pauseReason, startError, toDeliveryError } from '../../../src/bots/telegram/errors.js';
import { DeliveryError } from '../../../src/scheduler/sender.js';

const TOKEN = '123456789:AAExampleExampleExampleExample_x-y';
const tgError = (error_code: number, description: string, parameters?: Record<string, number>) =>
  new TelegramError({ error_code, description, ...(parameters ? { parameters } : {}) });

describe('toDeliveryError', () => {
  it('given 429 with retry_after 7, returns rate-limited with 7000 ms', () => {
    const e = toDeliveryError(tgError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), TOKEN);
    expect([e.kind, e.retryAfterMs, e.migratedTo]).toEqual(['rate-limited', 7000, null]);
  });

  it.each([
    [403, 'Forbidden: bot was blocked by the user'],
    [403, 'Forbidden: bot was kicked from the group chat'],
    [403, 'Forbidden: bot is not a member of the supergroup chat'],
    [400, 'Bad Request: chat not found'],
  ])('given %i "%s", returns permanent', (code, description) => {
    expect(toDeliveryError(tgError(code, description), TOKEN).kind).toBe('permanent');
  });

  it('given a 400 with migrate_to_chat_id, returns the new chat id', () => {
    const e = toDeliveryError(tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001234 }), TOKEN);
    expect(e.migratedTo).toBe('-1001234');
  });

  it('given 5xx or a network error, returns transient', () => {
    expect(toDeliveryError(tgError(502, 'Bad Gateway'), TOKEN).kind).toBe('transient');
    const net = Object.assign(new Error(`request to http://x/bot${TOKEN}/sendMessage failed, reason: connect ECONNREFUSED`), { name: 'FetchError', code: 'ECONNREFUSED' });
    const e = toDeliveryError(net, TOKEN);
    expect(e).toBeInstanceOf(DeliveryError);
    expect(e.kind).toBe('transient');
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).toMatch(/^Telegram: /);
  });

  it('given a malformed request (bad HTML), returns transient rather than pausing the chat', () => {
    expect(toDeliveryError(tgError(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0"), TOKEN).kind).toBe('transient');
  });
});

describe('pauseReason', () => {
  it('given a 403 block, returns a short reason for /status', () => {
    expect(pauseReason(tgError(403, 'Forbidden: bot was blocked by the user'), TOKEN)).toBe('Telegram: bot was blocked by the user (403)');
  });
});

describe('startError', () => {
  it('given 401, returns the one-line token advice', () => {
    expect(startError(tgError(401, 'Unauthorized'), TOKEN, 'https://api.telegram.org').message)
      .toBe('Telegram: the bot token was rejected (401 Unauthorized); check TELEGRAM_BOT_TOKEN from @BotFather');
  });

  it('given 404, says the token was rejected too', () => {
    expect(startError(tgError(404, 'Not Found'), TOKEN, 'https://api.telegram.org').message).toContain('(404 Not Found)');
  });

  it('given an unreachable API, names the root and the cause, not the token', () => {
    const net = Object.assign(new Error(`request to http://127.0.0.1:9/bot${TOKEN}/getMe failed`), { code: 'ECONNREFUSED' });
    const msg = startError(net, TOKEN, 'http://127.0.0.1:9').message;
    expect(msg).toBe('Telegram: could not reach the Bot API at http://127.0.0.1:9 (ECONNREFUSED); check TELEGRAM_API_ROOT and the network');
  });
});
