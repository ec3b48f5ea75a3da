/**
 * What a chat button does, as the compact signed string it carries: Discord gives it back as the
 * component's custom_id (≤ 100 characters), Telegram as callback_data (≤ 64 bytes). The state lives
 * in the string, never in memory, so a button pressed after a restart still works:
 *
 *   <action>.<issued at, s base36>.<fields…>.<signature>
 *
 *   m  More stories   m.<at>.<page>.<topic | ~note | empty>.<sig>   digest window ends at <at>
 *   s  Summary        s.<at>.<story id>.<sig>
 *   r  Sources        r.<at>.<story id>.<sig>
 *   l  /latest page   l.<at>.<page>.<page size>.<sig>               articles up to <at>
 *   q  /search page   q.<at>.<page>.<query | ~note>.<sig>           articles up to <at>
 *
 * The signature is HMAC-SHA256 over the chat (platform:chat id) and everything before it, cut to
 * 96 bits: a changed field, a payload copied to another chat or one signed with another key is
 * refused as forged. A button is refused as expired `ttlMs` after it was issued. A text that does
 * not fit (a long query) is kept in the store as a note and the button carries `~` + its key.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Telegram's callback_data limit, in bytes (Discord's custom_id allows 100 characters: this is the tighter one). */
export const MAX_DATA_BYTES = 64;
/** How long a button works after it was sent, unless the deployment says otherwise. */
export const DEFAULT_BUTTON_TTL_MS = 7 * 86_400_000;

const SIG_CHARS = 16;
const NOTE_MARK = '~';
const NOTE_KEY = /^[A-Za-z0-9_-]{11}$/;
const STORY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A text a button refers to: inline, or the key of a stored note. */
export type TextRef = { text: string } | { note: string };

/** What pressing a button asks for. Pages count from 0. */
export type ButtonAction =
  | { kind: 'more'; page: number; topic: TextRef | null }
  | { kind: 'summary'; story: string }
  | { kind: 'sources'; story: string }
  | { kind: 'latest'; page: number; size: number }
  | { kind: 'search'; page: number; query: TextRef };

/** A decoded, verified press: the action and when its button was issued. */
export interface ButtonPress {
  action: ButtonAction;
  issuedAt: Date;
}

export type DecodedPress = { ok: true; value: ButtonPress } | { ok: false; reason: 'forged' | 'expired' };

/** Signing key and lifetime of the buttons. */
export interface ButtonSigner {
  key: Uint8Array;
  ttlMs: number;
}

/**
 * The signing key: derived from `secret` (NEWSBOT_BUTTON_SECRET, or the platforms' tokens, so every
 * instance of a deployment and every restart agrees on it), or random for this process when there
 * is nothing to derive it from (buttons then stop working at a restart).
 */
export function buttonKey(secrets: readonly string[]): Uint8Array {
  if (secrets.length === 0) return randomBytes(32);
  return createHmac('sha256', 'newsbot buttons v1').update(secrets.join('\0')).digest();
}

/** The key a note is stored under: 66 bits of the text's SHA-256, URL-safe. */
export function noteKey(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 11);
}

/** True when `text` can be carried inline (it must not contain the separator or look like a note). */
export function inlineable(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  return !text.includes('.') && !text.startsWith(NOTE_MARK) && !/[\u0000-\u001f\u007f]/.test(text);
}

const b36 = (n: number): string => Math.max(0, Math.floor(n)).toString(36);

function refField(ref: TextRef | null): string {
  if (ref === null) return '';
  return 'note' in ref ? `${NOTE_MARK}${ref.note}` : ref.text;
}

function body(action: ButtonAction, at: Date): string {
  const t = b36(at.getTime() / 1000);
  switch (action.kind) {
    case 'more':
      return ['m', t, b36(action.page), refField(action.topic)].join('.');
    case 'summary':
      return ['s', t, action.story].join('.');
    case 'sources':
      return ['r', t, action.story].join('.');
    case 'latest':
      return ['l', t, b36(action.page), b36(action.size)].join('.');
    case 'search':
      return ['q', t, b36(action.page), refField(action.query)].join('.');
  }
}

function sign(key: Uint8Array, chat: string, text: string): string {
  return createHmac('sha256', key).update(`${chat}\n${text}`).digest('base64url').slice(0, SIG_CHARS);
}

/** The button data for `action`, bound to `chat` ("telegram:123"); its length in bytes may exceed MAX_DATA_BYTES (see {@link fits}). */
export function encodePress(signer: ButtonSigner, chat: string, action: ButtonAction, at: Date): string {
  const text = body(action, at);
  return `${text}.${sign(signer.key, chat, text)}`;
}

/** True when the data fits every platform's limit. */
export function fits(data: string): boolean {
  return Buffer.byteLength(data, 'utf8') <= MAX_DATA_BYTES;
}

/** What a press does before it is verified: turning a page edits the message; the rest answer the presser alone. */
export function pressMode(data: string): 'update' | 'private' {
  return data.startsWith('l.') || data.startsWith('q.') ? 'update' : 'private';
}

const num = (s: string | undefined, max: number): number | null => {
  if (s === undefined || !/^[0-9a-z]{1,8}$/.test(s)) return null;
  const n = parseInt(s, 36);
  return n <= max ? n : null;
};

function textRef(s: string | undefined): TextRef | null {
  if (s === undefined || s === '') return null;
  if (s.startsWith(NOTE_MARK)) return NOTE_KEY.test(s.slice(1)) ? { note: s.slice(1) } : null;
  return inlineable(s) ? { text: s } : null;
}

function parseAction(parts: string[]): ButtonAction | null {
  const [code, , a, b] = parts;
  if (code === 's' || code === 'r') {
    if (parts.length !== 3 || !STORY_ID.test(a ?? '')) return null;
    return { kind: code === 's' ? 'summary' : 'sources', story: a! };
  }
  if (parts.length !== 4) return null;
  const page = num(a, 1000);
  if (page === null) return null;
  if (code === 'm') return { kind: 'more', page, topic: textRef(b) };
  if (code === 'l') {
    const size = num(b, 100);
    return size === null || size === 0 ? null : { kind: 'latest', page, size };
  }
  if (code === 'q') {
    const query = textRef(b);
    return query ? { kind: 'search', page, query } : null;
  }
  return null;
}

/** Verifies and decodes button data pressed in `chat` at `now`: forged (bad shape or signature) or expired are refused. */
export function decodePress(signer: ButtonSigner, chat: string, data: string, now: Date): DecodedPress {
  const cut = data.lastIndexOf('.');
  if (cut <= 0 || Buffer.byteLength(data, 'utf8') > 100) return { ok: false, reason: 'forged' };
  const text = data.slice(0, cut);
  const given = Buffer.from(data.slice(cut + 1));
  const expected = Buffer.from(sign(signer.key, chat, text));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const parts = text.split('.');
  const seconds = num(parts[1], Number.MAX_SAFE_INTEGER);
  const action = parseAction(parts);
  if (seconds === null || action === null) return { ok: false, reason: 'forged' };
  const issuedAt = new Date(seconds * 1000);
  if (now.getTime() - issuedAt.getTime() > signer.ttlMs) return { ok: false, reason: 'expired' };
  return { ok: true, value: { action, issuedAt } };
}
