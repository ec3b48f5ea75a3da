/**
 * Telegram Bot API failures, classified once for the delivery queue, on-demand replies and start-up.
 * Errors are read by shape (telegraf's TelegramError carries `response`), so plain objects test them.
 * https://core.telegram.org/bots/api#making-requests (error_code, description, parameters)
 */
import { DeliveryError } from '../../scheduler/sender.js';
import { redact } from '../../log.js';

/** The error body the Bot API answers with when `ok` is false. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Start-up failed (bad token, unreachable API); `message` is one line for the operator, without the token. */
export class TelegramStartError extends Error {
  override readonly name = 'TelegramStartError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The Bot API error body inside a telegraf TelegramError, or null for anything else (network, bugs). */
export function apiError(err: unknown): ApiErrorBody | null {
  const response = (err as { response?: unknown } | null)?.response;
  if (typeof response !== 'object' || response === null) return null;
  const r = response as Partial<ApiErrorBody>;
  return typeof r.error_code === 'number' ? { error_code: r.error_code, description: String(r.description ?? ''), ...(r.parameters ? { parameters: r.parameters } : {}) } : null;
}

/** The error's text with the token (and anything shaped like one) masked: telegraf puts the token in request URLs. */
export function safeMessage(err: unknown, token: string): string {
  const text = err instanceof Error ? err.message : String(err);
  return redact(text, [token]);
}

// 400s that mean the chat is gone or closed to us for good, as opposed to a bad request we made.
const GONE_400 = /chat not found|group chat was deactivated|peer_id_invalid|not enough rights|have no rights|chat_write_forbidden|user is deactivated/i;

/**
 * Maps a failed send to what the queue must do: 429 → rate-limited (retry_after seconds),
 * 403 and "chat not found"-like 400s → permanent, a group upgraded to a supergroup → permanent
 * with `migratedTo`, 5xx and network → transient. Any other 400 (our own malformed request)
 * is transient too: pausing a chat for our bug would silently stop its digests, and the queue
 * bounds the retries.
 */
export function toDeliveryError(err: unknown, token: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const api = apiError(err);
  const message = `Telegram: ${safeMessage(err, token)}`;
  if (!api) return new DeliveryError('transient', message, null, null, { cause: err });
  const migrateTo = api.parameters?.migrate_to_chat_id;
  if (migrateTo !== undefined) return new DeliveryError('permanent', message, null, String(migrateTo), { cause: err });
  if (api.error_code === 429) {
    const seconds = api.parameters?.retry_after ?? 1;
    return new DeliveryError('rate-limited', message, Math.max(0, seconds) * 1000, null, { cause: err });
  }
  // A permanent failure's message is the pause reason /status shows.
  if (api.error_code === 403 || (api.error_code === 400 && GONE_400.test(api.description))) {
    return new DeliveryError('permanent', pauseReason(err, token), null, null, { cause: err });
  }
  return new DeliveryError('transient', message, null, null, { cause: err });
}

/** Why a chat's subscription is paused, as /status shows it ("bot was blocked by the user (403)"). */
export function pauseReason(err: unknown, token: string): string {
  const api = apiError(err);
  if (!api) return `Telegram: ${safeMessage(err, token)}`;
  const text = api.description.replace(/^(Forbidden|Bad Request):\s*/i, '');
  return `Telegram: ${redact(text, [token])} (${api.error_code})`;
}

/** Turns a getMe/deleteWebhook/setWebhook failure at start-up into one clear line. */
export function startError(err: unknown, token: string, apiRoot: string): TelegramStartError {
  const api = apiError(err);
  if (api && (api.error_code === 401 || api.error_code === 404)) {
    const what = api.error_code === 401 ? 'Unauthorized' : 'Not Found';
    return new TelegramStartError(`Telegram: the bot token was rejected (${api.error_code} ${what}); check TELEGRAM_BOT_TOKEN from @BotFather`);
  }
  if (api) {
    return new TelegramStartError(`Telegram: start-up failed: ${redact(api.description, [token])} (${api.error_code})`);
  }
  const code = (err as { code?: unknown } | null)?.code;
  const why = typeof code === 'string' ? code : safeMessage(err, token);
  return new TelegramStartError(`Telegram: could not reach the Bot API at ${redact(apiRoot, [token])} (${why}); check TELEGRAM_API_ROOT and the network`);
}
