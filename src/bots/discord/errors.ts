/**
 * Discord failures mapped to what the rest of newsbot acts on: a DeliveryError for the delivery
 * queue, and one clear start-up line for a rejected token.
 * Error codes: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../scheduler/sender.js';
import { redact } from '../../log.js';

/** Discord JSON error codes that mean "this channel will not take our messages until someone acts". */
const PERMANENT_CODES: Record<number, string> = {
  50001: 'Discord: the bot has no access to this channel (50001 Missing Access); re-invite it or grant View Channel',
  50013: 'Discord: the bot lacks permissions in this channel (50013 Missing Permissions); grant Send Messages and Embed Links',
  10003: 'Discord: the channel no longer exists (10003 Unknown Channel)',
  50007: 'Discord: cannot send messages to this user (50007)',
};

/** The reason to pause a chat when `err` says its channel will not take our messages, else null. */
export function channelFailureReason(err: unknown): string | null {
  if (!(err instanceof DiscordAPIError)) return null;
  return PERMANENT_CODES[typeof err.code === 'number' ? err.code : Number(err.code)] ?? null;
}

/**
 * Maps any error from a discord.js send to the delivery queue's three kinds.
 * 403/404 (and the access codes above) are permanent: retrying cannot help, the subscription is paused.
 * Other 4xx (e.g. 50035 Invalid Form Body) are our bug, not the chat's fault: 'transient', so the queue
 * gives up after its retry limit without pausing the chat. 5xx and network errors are transient
 * (discord.js has already retried them). A RateLimitError only appears for long waits (rejectOnRateLimit).
 */
export function toDeliveryError(err: unknown, secrets: readonly string[] = []): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    return new DeliveryError('rate-limited', `Discord: rate limited on ${err.route}; retry in ${Math.ceil(err.retryAfter / 1000)} s`, err.retryAfter, null, { cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const known = PERMANENT_CODES[code];
    if (known) return new DeliveryError('permanent', known, null, null, { cause: err });
    if (err.status === 403 || err.status === 404) {
      return new DeliveryError('permanent', `Discord: ${err.status} ${redact(err.message, secrets)} (${code})`, null, null, { cause: err });
    }
    if (err.status === 429) return new DeliveryError('rate-limited', 'Discord: rate limited', 1000, null, { cause: err });
    return new DeliveryError('transient', `Discord: ${err.status} ${redact(err.message, secrets)} (${code})`, null, null, { cause: err });
  }
  if (err instanceof HTTPError) {
    return new DeliveryError('transient', `Discord: HTTP ${err.status} from ${err.method} (retried by discord.js)`, null, null, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError('transient', `Discord: network error: ${redact(message, secrets)}`, null, null, { cause: err });
}

/**
 * An interaction answer's failure (edit of the deferred reply, follow-up) for the outbox: a channel
 * that will not take our messages is permanent (its subscription is paused); anything else, an
 * expired interaction (10062) included, is not the channel's fault and pauses nothing.
 */
export function answerError(err: unknown, secrets: readonly string[] = []): DeliveryError {
  const reason = channelFailureReason(err);
  if (reason) return new DeliveryError('permanent', reason, null, null, { cause: err });
  const e = toDeliveryError(err, secrets);
  return e.kind === 'permanent' ? new DeliveryError('transient', e.message, null, null, { cause: err }) : e;
}

/** The one line start-up ends with when Discord refuses the token. */
export const TOKEN_REJECTED = 'Discord: the bot token was rejected (401); check DISCORD_TOKEN';

/** The gateway closed with 4004 (discord.js reports it as "Authentication failed"). */
export const GATEWAY_TOKEN_REJECTED = 'Discord: the gateway rejected the bot token (4004); check DISCORD_TOKEN';

/** Raised when the bot cannot start; the message is one line for the terminal, without the token. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
}

/** Maps a login failure to a DiscordStartError whose message never contains the token. */
export function toStartError(err: unknown, token: string, apiBase: string): DiscordStartError {
  const rejected =
    (err instanceof DiscordjsError && err.code === DiscordjsErrorCodes.TokenInvalid) ||
    ((err instanceof DiscordAPIError || err instanceof HTTPError) && err.status === 401);
  if (rejected) return new DiscordStartError(TOKEN_REJECTED);
  if (err instanceof Error && err.message === 'Authentication failed') return new DiscordStartError(GATEWAY_TOKEN_REJECTED);
  const message = err instanceof Error ? err.message : String(err);
  return new DiscordStartError(`Discord: could not connect to ${apiBase}: ${redact(message, [token])}`);
}

/** Log fields for an error, with secrets masked (the logger masks again; this keeps the fields small). */
export function errorFields(err: unknown, secrets: readonly string[]): Record<string, unknown> {
  if (err instanceof DiscordAPIError) return { error: redact(err.message, secrets), code: err.code, status: err.status };
  if (err instanceof Error) return { error: redact(err.message, secrets), errorName: err.name };
  return { error: redact(String(err), secrets) };
}
