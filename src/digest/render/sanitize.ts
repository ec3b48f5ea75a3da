/**
 * Shared clean-up for every renderer: text from the web must not reorder what readers see
 * (bidi overrides), drive a terminal (escape sequences) or break a platform's JSON (lone surrogates).
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E]/g;
/** Isolate openers (LRI, RLI, FSI) and their closer (PDI). */
const ISOLATES = /[\u2066-\u2069\n]/g;

/**
 * Keeps only balanced isolates on one line: a closed isolate cannot reorder text outside it (which is
 * how the bot's own messages embed a Latin name in Persian), while a lone opener or closer could.
 */
function balanceIsolates(text: string): string {
  if (!/[\u2066-\u2069]/.test(text)) return text;
  const drop = new Set<number>();
  const open: number[] = [];
  for (const m of text.matchAll(ISOLATES)) {
    const i = m.index;
    if (m[0] === '\n') {
      for (const o of open) drop.add(o);
      open.length = 0;
    } else if (m[0] === '\u2069') {
      if (open.length > 0) open.pop();
      else drop.add(i);
    } else open.push(i);
  }
  for (const o of open) drop.add(o);
  if (drop.size === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) if (!drop.has(i)) out += text[i];
  return out;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Strips bidi overrides and embeddings (U+202A–U+202E), unbalanced isolates (U+2066–U+2069; a pair
 * closed on its line stays), LRM/RLM, and C0/C1 control characters except the newline (tabs become
 * spaces, CR LF becomes LF); lone surrogates become U+FFFD.
 */
export function sanitizeText(text: string): string {
  return balanceIsolates(
    text
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(/\t/g, ' ')
      .replace(CONTROLS, '')
      .replace(LONE_SURROGATE, '\uFFFD'),
  );
}

/** {@link sanitizeText}, then every run of whitespace (newlines too) as one space: titles, names, sentences. */
export function sanitizeInline(text: string): string {
  return sanitizeText(text).replace(/\s+/g, ' ').trim();
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/**
 * At most `max` UTF-16 code units: whole when it fits, else cut at a word boundary (or hard, for
 * one long word) with "…". Never splits a surrogate pair or leaves a dangling joiner.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return '…';
  let cut = max - 1;
  if (isHigh(text.charCodeAt(cut - 1))) cut--;
  let head = text.slice(0, cut);
  const space = head.search(/\s\S*$/);
  if (space >= cut * 0.6) head = head.slice(0, space);
  head = head.replace(/(?:\s|\u200D|\uFE0E|\uFE0F|[,;:–—-])+$/u, '');
  // A cut inside an isolate must not leave its opener unclosed.
  return balanceIsolates(`${head}…`);
}

/**
 * The URL if it is an absolute http(s) URL, else null (no javascript:, data: or relative links).
 * The result is a valid RFC 3986 URI (as Discord's embed and button `url`s must be).
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const clean = sanitizeInline(url);
  try {
    const u = new URL(clean);
    return u.protocol === 'http:' || u.protocol === 'https:' ? toUri(u.href) : null;
  } catch {
    return null;
  }
}

/**
 * Percent-encodes what WHATWG serialisation leaves in a path, query or fragment but RFC 3986
 * forbids there (| [ ] ^ ` { } \ and the like), and a % that starts no escape. The host and
 * userinfo are already encoded by URL.
 */
function toUri(href: string): string {
  const start = href.indexOf('/', href.indexOf('//') + 2);
  if (start === -1) return href;
  const rest = href
    .slice(start)
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (ch) => encodeURIComponent(ch));
  return href.slice(0, start) + rest;
}
