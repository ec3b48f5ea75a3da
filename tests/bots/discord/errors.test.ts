import { describe, expect, it } from 'vitest';
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError, RateLimitError } from 'discord.js';
import { channelFailureReason, toDeliveryError, toStartError, TOKEN_REJECTED } from '../../../src/bots/discord/errors.js';

const TOKEN = 'MTAx.secret-token-value.xyz';
const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', 'http://127.0.0.1/api/v10/channels/1/messages', { body: {}, files: [] });

describe('toDeliveryError', () => {
  it.each([
    [403, 50001, 'Missing Access', /50001/],
    [403, 50013, 'Missing Permissions', /50013/],
    [404, 10003, 'Unknown Channel', /10003/],
    [403, 20001, 'Bots cannot use this endpoint', /403/],
    [404, 0, '404: Not Found', /404/],
  ])('given %i %i %s, returns a permanent failure with a reason', (status, code, message, reason) => {
    const e = toDeliveryError(apiError(status, code, message));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/^Discord: /);
    expect(e.message).toMatch(reason);
  });

  it('given a 5xx (already retried by discord.js), returns a transient failure', () => {
    expect(toDeliveryError(new HTTPError(502, 'Bad Gateway', 'POST', 'http://x', { body: {}, files: [] })).kind).toBe('transient');
  });

  it('given a network error, returns a transient failure without the token', () => {
    const e = toDeliveryError(new Error(`connect ECONNREFUSED with ${TOKEN}`), [TOKEN]);
    expect(e.kind).toBe('transient');
    expect(e.message).not.toContain(TOKEN);
  });

  it('given a 400 Invalid Form Body, returns transient (our bug, not the chat’s fault: do not pause)', () => {
    expect(toDeliveryError(apiError(400, 50035, 'Invalid Form Body')).kind).toBe('transient');
  });

  it('given a RateLimitError, returns rate-limited with the wait', () => {
    const e = toDeliveryError(new RateLimitError({
      timeToReset: 30_000, limit: 5, method: 'POST', hash: 'h', url: 'http://x', route: '/channels/:id/messages',
      majorParameter: '1', global: false, retryAfter: 30_000, sublimitTimeout: 0, scope: 'user',
    }));
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfterMs: 30_000 });
  });
});

describe('channelFailureReason', () => {
  it('given an expired interaction (10062), returns null: nothing to pause', () => {
    expect(channelFailureReason(apiError(404, 10062, 'Unknown interaction'))).toBeNull();
  });
  it('given Missing Access, returns a reason', () => {
    expect(channelFailureReason(apiError(403, 50001, 'Missing Access'))).toMatch(/Missing Access/);
  });
});

// discord.js throws this from login() when Discord answers 401; its constructor is private in the typings.
const tokenInvalid = () => new (DiscordjsError as unknown as new (code: string) => Error)(DiscordjsErrorCodes.TokenInvalid);

describe('toStartError', () => {
  it('given TokenInvalid, returns the one-line token message', () => {
    expect(toStartError(tokenInvalid(), TOKEN, 'https://discord.com/api').message).toBe(TOKEN_REJECTED);
  });
  it('given another failure mentioning the token, masks it', () => {
    const e = toStartError(new Error(`fetch failed for ${TOKEN}`), TOKEN, 'http://127.0.0.1:9/api');
    expect(e.message).toMatch(/^Discord: could not connect to http:\/\/127\.0\.0\.1:9\/api: /);
    expect(e.message).not.toContain(TOKEN);
  });
});
