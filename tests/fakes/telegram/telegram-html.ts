/**
 * Telegram's HTML parse mode as the Bot API applies it, for the fake server: the same tags, the
 * same 400 descriptions ("Bad Request: can't parse entities: …", byte offsets in UTF-8), and the
 * visible text whose UTF-16 length counts against the 4,096 limit.
 * https://core.telegram.org/bots/api#html-style
 *
 * One rule is stricter than Telegram: a bare `&` that starts no entity. Telegram keeps it as
 * text, but its docs require `&amp;`, and a renderer that forgets to escape `&` also forgets `<`
 * sooner or later; the fake refuses it so that bug shows up in tests.
 */

const TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins', 'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code', 'blockquote']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
export const MAX_TEXT = 4096;

export type HtmlResult = { ok: true; text: string } | { ok: false; description: string };

const fail = (why: string): HtmlResult => ({ ok: false, description: `Bad Request: can't parse entities: ${why}` });

/** Decodes `&…;` at `i`: the character and where parsing goes on, or null when it is no entity. */
function entityAt(html: string, i: number): { char: string; next: number } | null {
  const m = /^&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z]+));/.exec(html.slice(i, i + 16));
  if (!m) return null;
  let code: number;
  if (m[1] !== undefined) code = parseInt(m[1], 16);
  else if (m[2] !== undefined) code = parseInt(m[2], 10);
  else {
    const named = NAMED[m[3] ?? ''];
    if (named === undefined) return null;
    return { char: named, next: i + m[0].length };
  }
  if (code === 0 || code >= 0x10ffff) return null;
  return { char: String.fromCodePoint(code), next: i + m[0].length };
}

/** Parses `html` as Telegram does; returns the visible text, or the Bot API's error description. */
export function parseTelegramHtml(html: string): HtmlResult {
  const bytes = (i: number): number => Buffer.byteLength(html.slice(0, i));
  const open: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '&') {
      const e = entityAt(html, i);
      if (!e) return fail(`unescaped "&" at byte offset ${bytes(i)}; write &amp;`);
      text += e.char;
      i = e.next;
      continue;
    }
    if (c !== '<') {
      text += c;
      i += 1;
      continue;
    }
    const begin = i;
    if (html[i + 1] !== '/') {
      const rawName = /^[^\s>]*/.exec(html.slice(i + 1))?.[0] ?? '';
      if (i + 1 + rawName.length >= html.length) return fail(`Unclosed start tag at byte offset ${bytes(begin)}`);
      const name = rawName.toLowerCase();
      if (!TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${bytes(begin)}`);
      const close = html.indexOf('>', i);
      if (close === -1) return fail(`Unclosed start tag at byte offset ${bytes(begin)}`);
      const attrs = html.slice(i + 1 + rawName.length, close);
      if (name === 'span' && !/class\s*=\s*["']?tg-spoiler/i.test(attrs)) {
        return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${bytes(begin)}`);
      }
      if (/\S/.test(attrs) && !/^(\s+[\w-]+\s*=\s*("[^"]*"|'[^']*'|[\w.-]+))*\s*$/.test(attrs)) {
        return fail(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${bytes(begin)}`);
      }
      open.push(name);
      i = close + 1;
      continue;
    }
    if (open.length === 0) return fail(`Unexpected end tag at byte offset ${bytes(begin)}`);
    const close = html.indexOf('>', i);
    const raw = close === -1 ? null : html.slice(i + 2, close);
    const rawName = /^[^\s>]*/.exec(raw ?? '')?.[0] ?? '';
    if (raw === null || raw.slice(rawName.length).trim() !== '') return fail(`Unclosed end tag at byte offset ${bytes(begin)}`);
    const name = rawName.toLowerCase();
    const expected = open[open.length - 1];
    if (name !== '' && name !== expected) {
      return fail(`Unmatched end tag at byte offset ${bytes(begin)}, expected "</${expected}>", found "</${name}>"`);
    }
    open.pop();
    i = close + 1;
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) return fail(`Can't find end tag corresponding to start tag ${unclosed}`);
  return { ok: true, text };
}

/** What sendMessage answers for a text: null when Telegram would accept it, else the 400 description. */
export function checkMessageText(text: unknown, parseMode: unknown): string | null {
  if (typeof text !== 'string' || text.trim() === '') return 'Bad Request: message text is empty';
  let visible = text;
  if (parseMode === 'HTML') {
    const r = parseTelegramHtml(text);
    if (!r.ok) return r.description;
    visible = r.text;
  }
  if (visible.trim() === '') return 'Bad Request: message text is empty';
  if (visible.length > MAX_TEXT) return 'Bad Request: message is too long';
  return null;
}
