/**
 * Inline keyboards and callback queries for the fake Bot API, checked as Telegram checks them:
 * a keyboard is an array of rows of buttons with non-empty text and one action; callback_data is
 * 1–64 bytes; a callback query is answered once with answerCallbackQuery, while it is still alive
 * (its text at most 200 characters).
 * https://core.telegram.org/bots/api#inlinekeyboardmarkup · https://core.telegram.org/bots/api#answercallbackquery
 */
import type { ApiError } from './api-errors.js';

export interface KeyboardButton { text: string; callback_data?: string; url?: string }

const bad = (description: string): ApiError => ({ error_code: 400, description: `Bad Request: ${description}` });

/** The buttons of a reply_markup (flattened), or [] when there is none. */
export function keyboardButtons(markup: unknown): KeyboardButton[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? rows.flatMap((r) => (Array.isArray(r) ? (r as KeyboardButton[]) : [])) : [];
}

/** What Telegram answers for a reply_markup: null when it accepts it. */
export function checkReplyMarkup(markup: unknown): ApiError | null {
  if (markup === undefined) return null;
  const rows = (markup as { inline_keyboard?: unknown } | null)?.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) return bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  const buttons = keyboardButtons(markup);
  if (buttons.length > 100) return bad('reply markup is too long');
  for (const b of buttons) {
    if (typeof b !== 'object' || b === null || typeof b.text !== 'string' || b.text === '') return bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    const actions = ['callback_data', 'url'].filter((k) => k in b);
    if (actions.length !== 1) return bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    if ('callback_data' in b) {
      const bytes = typeof b.callback_data === 'string' ? Buffer.byteLength(b.callback_data, 'utf8') : 0;
      if (bytes < 1 || bytes > 64) return bad('BUTTON_DATA_INVALID');
    }
  }
  return null;
}

interface Query { id: string; deliveredAt: number | null; answered: boolean }

/** An answer the bot gave to a callback query. */
export interface CallbackAnswer { callback_query_id: string; text?: string; show_alert?: boolean }

export class FakeCallbacks {
  readonly answers: CallbackAnswer[] = [];
  private readonly queries = new Map<string, Query>();
  private next = 1;

  /** @param lifeMs how long after delivery a query can still be answered (Telegram: a few seconds; the spinner waits). */
  constructor(private readonly lifeMs: number) {}

  issue(): string {
    const id = `cq${this.next++}`;
    this.queries.set(id, { id, deliveredAt: null, answered: false });
    return id;
  }

  /** Called when getUpdates hands out an update holding a callback query: its life starts. */
  delivered(id: string): void {
    const q = this.queries.get(id);
    if (q && q.deliveredAt === null) q.deliveredAt = performance.now();
  }

  answer(body: Record<string, unknown>): { ok: true } | ApiError {
    const q = this.queries.get(String(body.callback_query_id ?? ''));
    const late = q?.deliveredAt !== null && q !== undefined && performance.now() - (q.deliveredAt ?? 0) > this.lifeMs;
    if (!q || q.answered || q.deliveredAt === null || late) return bad('query is too old and response timeout expired or query ID is invalid');
    if (typeof body.text === 'string' && body.text.length > 200) return bad('MESSAGE_TOO_LONG');
    q.answered = true;
    this.answers.push({ callback_query_id: q.id, ...(typeof body.text === 'string' ? { text: body.text } : {}), ...(body.show_alert === true ? { show_alert: true } : {}) });
    return { ok: true };
  }
}
