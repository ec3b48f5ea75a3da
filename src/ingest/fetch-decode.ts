/**
 * What a fetched body is: is its content type acceptable for what the caller wants (with sniffing
 * for the octet-stream and missing types feeds are often served with), and its text.
 */
import { sniffBinary } from './decode.js';
import { FetchError } from './fetch-types.js';
import type { FetchOptions } from './fetch-types.js';

/** Types taken at their word, per kind. */
const ACCEPTED: Record<FetchOptions['kind'], RegExp> = {
  page: /^(text\/html|application\/xhtml\+xml|text\/plain)$/,
  // text/html stays acceptable for feeds: misconfigured servers send RSS as HTML, and the parser
  // tells a real web page apart with a clearer message than a content-type refusal could.
  feed: /^(application\/([\w.-]+\+)?(xml|json)|application\/(rss|atom|rdf|feed|x-rss|x-atom|x-rdf)|text\/(xml|plain|html|rss|atom|rdf|json))$/,
  any: /^(text\/[\w.+-]+|application\/([\w.-]+\+)?(xml|json)|application\/(xhtml\+xml|rss|atom))$/,
};

/** Types that say "no idea": the body decides (markup or JSON, not binary). */
const UNSURE = /^(application\/octet-stream|binary\/octet-stream|application\/unknown|application\/download|content\/unknown|unknown\/unknown)$/;

const WANTED = { page: 'a web page', feed: 'a feed', any: 'text' } as const;

/** The MIME type and charset of a Content-Type header. */
export function parseContentType(header: string | null): { mime: string | null; charset: string | null } {
  if (!header) return { mime: null, charset: null };
  const mime = header.split(';')[0]?.trim().toLowerCase() || null;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header)?.[1]?.toLowerCase() ?? null;
  return { mime, charset };
}

/** True when a type is refused outright, before reading the body. */
export function refusedType(mime: string | null, kind: FetchOptions['kind']): boolean {
  return mime !== null && !ACCEPTED[kind].test(mime) && !UNSURE.test(mime);
}

/** The refusal for a content type, in words a user understands. */
export function contentTypeError(mime: string, kind: FetchOptions['kind']): FetchError {
  return new FetchError('bad-content-type', `refused: the URL serves ${mime}, not ${WANTED[kind]}`);
}

/**
 * For an unsure or missing type: accepts a body that looks like what was asked for — markup for a
 * page; markup or JSON for a feed; any text for 'any' — and refuses binary data.
 */
export function checkSniffed(mime: string | null, body: Buffer, kind: FetchOptions['kind']): void {
  if (mime !== null && !UNSURE.test(mime)) return;
  const label = mime ?? 'no content type';
  if (body.length === 0) return;
  if (sniffBinary(body)) throw new FetchError('bad-content-type', `refused: the URL serves binary data (${label}), not ${WANTED[kind]}`);
  if (kind === 'any' || mime === null) return;
  const head = body.subarray(0, 512).toString('latin1').replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/\0/g, '').trimStart();
  const ok = kind === 'feed' ? /^[<{]/.test(head) : /^</.test(head);
  if (!ok) throw new FetchError('bad-content-type', `refused: the URL serves ${label} that does not look like ${WANTED[kind]}`);
}

/** 0x80–0x9F of windows-1252 (Node's decoder maps them to C1 controls, as ISO-8859-1 would). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
/** Labels that mean windows-1252 on the web (WHATWG Encoding). */
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'cp819', 'ibm819', 'iso-ir-100']);

function decodeCp1252(body: Buffer): string {
  const out: string[] = [];
  for (let i = 0; i < body.length; i += 8192) {
    out.push(Array.from(body.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join(''));
  }
  return out.join('');
}

/**
 * Decodes a body: a byte-order mark wins, then the declared charset, then one in an XML prolog or
 * HTML meta tag, then UTF-8. Unknown charsets fall back to UTF-8; invalid bytes become U+FFFD.
 */
export function decodeBody(body: Buffer, charset: string | null): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body.subarray(3));
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  let cs = charset;
  if (!cs) {
    const head = body.subarray(0, 1024).toString('latin1');
    cs = /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
  }
  const label = cs?.toLowerCase() ?? 'utf-8';
  if (CP1252_LABELS.has(label)) return decodeCp1252(body);
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
