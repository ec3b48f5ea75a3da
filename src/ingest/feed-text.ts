/**
 * Feed text constructs → clean plain text (titles, summaries) or HTML (content). Atom says what a
 * text is with `type` (text, html, xhtml, or a MIME type) and, in Atom 0.3, `mode` (xml, escaped,
 * base64); RSS says nothing, so an RSS text is HTML when it looks like HTML.
 */
import { Parser } from 'htmlparser2';

/** What a text holds. */
export type TextKind = 'text' | 'html' | 'xhtml';

/** A text as feedsmith gives it: the value, the declared type, and (from our own scan) the Atom 0.3 mode. */
export interface FeedText {
  value: string;
  type?: string | undefined;
  mode?: 'xml' | 'escaped' | 'base64' | undefined;
}

/** The kind of a declared type: `html`/`text/html` → html, `xhtml`/`application/xhtml+xml`/other XML → xhtml, else text. */
export function textKind(type: string | undefined, mode?: FeedText['mode']): TextKind {
  const t = (type ?? '').trim().toLowerCase().split(';')[0]!;
  if (t === 'html' || t === 'text/html') return 'html';
  if (t === 'xhtml' || t === 'application/xhtml+xml' || /^application\/[\w.+-]*xml$/.test(t)) return 'xhtml';
  // Atom 0.3 escaped content without a plain-text type is escaped markup.
  if (mode === 'escaped' && t !== 'text/plain' && t !== 'text') return 'html';
  return 'text';
}

/** Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  let out = '';
  const p = new Parser(
    {
      ontext: (t) => void (out += t),
      // Block ends are word breaks: "<p>a</p><p>b</p>" is "a b", not "ab".
      onclosetag: (name) => void (/^(p|div|br|li|h[1-6]|tr|td|blockquote)$/.test(name) ? (out += ' ') : undefined),
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return out.replace(/\s+/g, ' ').trim();
}

const ENTITY = /&(#\d+|#x[\da-f]+|[a-z]+\d*);/i;
const TAG = /<\/?(a|abbr|b|big|blockquote|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|ol|p|q|s|small|span|strike|strong|sub|sup|u|ul)\b[^<>]*>/i;

/** True for RSS text that is really HTML (a known tag, or an entity left after XML decoding). */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text) || ENTITY.test(text);
}

/** Plain text as HTML paragraphs, so every item goes through the same HTML cleaner. */
export function textToHtml(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return esc.split(/\n\s*\n/).map((p) => `<p>${p.trim()}</p>`).join('');
}

/** The value, base64-decoded when Atom 0.3 says so (invalid base64 or binary gives null). */
export function rawValue(t: FeedText): string | null {
  if (t.mode !== 'base64') return t.value;
  const compact = t.value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  const binary = [...text].some((c) => c === '\ufffd' || c.charCodeAt(0) < 9 || (c.charCodeAt(0) > 13 && c.charCodeAt(0) < 32));
  return binary ? null : text;
}

/** A text construct as clean plain text (no tags, no entities), or null when empty. */
export function plainText(t: FeedText | null): string | null {
  if (!t) return null;
  const value = rawValue(t);
  if (!value) return null;
  const kind = textKind(t.type, t.mode);
  // Untyped (RSS) text that looks like HTML is HTML. Typed text keeps a literal "<" ("a < b"),
  // but double-escaped entities ("&amp;amp;") are decoded.
  const html = kind !== 'text' || (t.type === undefined && TAG.test(value));
  const text = html ? htmlText(value) : ENTITY.test(value) ? htmlText(value.replace(/</g, '&lt;')) : value;
  return text.replace(/\s+/g, ' ').trim() || null;
}

/** A text construct as HTML for the extractor (plain text escaped into paragraphs), or null. */
export function htmlOf(t: FeedText | null): string | null {
  if (!t) return null;
  const value = rawValue(t)?.trim();
  if (!value) return null;
  if (textKind(t.type, t.mode) !== 'text') return value;
  return t.type === undefined && looksLikeHtml(value) ? value : textToHtml(value);
}
