/**
 * Buttons as Telegram inline keyboards: one row per story ("1. Summary", "1. Sources"), then
 * More stories on a row of its own under the last message. callback_data carries the button's
 * signed data (at most 64 bytes, which the codec keeps).
 * https://core.telegram.org/bots/api#inlinekeyboardmarkup
 */
import type { Button, DigestButtons } from '../commands/types.js';

/** The rows under one digest message showing `stories` (numbered as shown). */
export function digestKeyboard(buttons: DigestButtons, stories: readonly { id: string; n: number }[], last: boolean): Button[][] {
  const rows: Button[][] = [];
  for (const { id, n } of stories) {
    const row = (buttons.stories[id] ?? []).map((b) => ({ label: `${n}. ${b.label}`, data: b.data }));
    if (row.length > 0) rows.push(row);
  }
  if (last && buttons.more) rows.push([buttons.more]);
  return rows;
}

/** `reply_markup` for a message with buttons, or nothing. */
export function replyMarkup(rows: readonly (readonly Button[])[] | undefined): { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } } {
  if (!rows || rows.length === 0) return {};
  return { reply_markup: { inline_keyboard: rows.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) } };
}
