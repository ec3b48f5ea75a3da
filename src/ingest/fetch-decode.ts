/**
 * What a fetched body is: is its content type acceptable for what the caller wants (with sniffing
 * for the octet-stream and missing types feeds are often served with), and its text.
 */
import { decodeBytes, sniffBinary } from './decode.js';
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

/**
 * Decodes a body: the one decode path (decode.ts) with the header's charset as outside evidence.
 * Unknown charsets fall back to the document's declaration, then UTF-8; invalid bytes become U+FFFD.
 */
export function decodeBody(body: Buffer, charset: string | null): string {
  return decodeBytes(body, charset);
}
