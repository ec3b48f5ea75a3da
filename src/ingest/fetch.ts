/**
 * The one function every network read goes through: feeds, pages, /summary and ingest URLs.
 * It refuses private addresses (before connecting, after DNS resolution, on every redirect),
 * caps size (decompressed bytes counted), time and redirects, and checks the content type.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import * as zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { bareHost, isBlockedAddress, isBlockedName } from './net-guard.js';

export type FetchErrorCode =
  | 'bad-url' | 'bad-scheme' | 'refused-address' | 'too-large' | 'timeout' | 'too-many-redirects'
  | 'bad-content-type' | 'http-status' | 'network';

/** A failed fetch; `message` is one line meant for the user. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(readonly code: FetchErrorCode, message: string, readonly status: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface FetchOptions {
  /** What the caller expects: decides the accepted content types. */
  kind: 'page' | 'feed' | 'any';
  /** Lift the private-address rule (NEWSBOT_ALLOW_PRIVATE_URLS=1, tests). */
  allowPrivate?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
  /** DNS lookup, injectable for tests (defaults to the system resolver). */
  lookup?: typeof dnsLookup;
}

export interface FetchResult {
  status: 200 | 304;
  /** Final URL after redirects. */
  url: string;
  contentType: string | null;
  charset: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  headers: Record<string, string>;
  /** The body decoded with its charset; invalid bytes become U+FFFD. */
  text(): string;
}

export const FETCH_DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5, maxUrlLength: 2048 } as const;
const UA = 'newsbot/0.1 (+https://github.com/newsbot; news digest bot)';

const TYPES: Record<FetchOptions['kind'], RegExp> = {
  page: /^(text\/html|application\/xhtml\+xml|text\/plain)$/,
  feed: /^(application\/(rss|atom|rdf|feed|xml|json|ld\+json|x-rss|x-atom)(\+xml|\+json)?|text\/(xml|plain|html|rss|atom)|application\/octet-stream)$/,
  any: /^(text\/[\w.+-]+|application\/(xhtml\+xml|xml|json|[\w.-]+\+(xml|json))|application\/octet-stream)$/,
};

/** Parses and checks a URL; throws FetchError for anything not fetchable. */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  if (raw.length > FETCH_DEFAULTS.maxUrlLength) throw new FetchError('bad-url', `refused: the URL is over ${FETCH_DEFAULTS.maxUrlLength} characters`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `not a valid URL: ${raw.slice(0, 80)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('bad-scheme', `refused: only http and https URLs are fetched, not ${u.protocol.replace(':', '')}`);
  if (u.username || u.password) throw new FetchError('bad-url', 'refused: URLs with a user name or password are not fetched');
  const host = bareHost(u.hostname);
  if (!allowPrivate) {
    if (isIP(host) && isBlockedAddress(host)) throw new FetchError('refused-address', `refused: ${host} is a private or local address (set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)`);
    if (!isIP(host) && isBlockedName(host)) throw new FetchError('refused-address', `refused: ${host} is a local or metadata host name (set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)`);
  }
  return u;
}

/** A DNS lookup that refuses private answers, so the address connected to is the address checked. */
function guardedLookup(host: string, base: typeof dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isBlockedAddress(a.address));
      if (bad) {
        const e = new FetchError('refused-address', `refused: ${host} resolves to ${bad.address}, a private or local address (set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)`);
        return callback(e as unknown as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

function header(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Fetches a URL under every rule above. Throws FetchError with a one-line message. */
export async function fetchUrl(rawUrl: string, opts: FetchOptions): Promise<FetchResult> {
  const allowPrivate = opts.allowPrivate === true;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const deadline = Date.now() + timeoutMs;
  let url = checkUrl(rawUrl, allowPrivate);
  for (let hop = 0; ; hop++) {
    const res = await request(url, opts, allowPrivate, deadline);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      const location = header(res, 'location');
      if (!location) throw new FetchError('http-status', `HTTP ${status} without a Location header`, status);
      if (hop >= maxRedirects) throw new FetchError('too-many-redirects', `refused: more than ${maxRedirects} redirects`);
      url = checkUrl(new URL(location, url).toString(), allowPrivate);
      continue;
    }
    const base = {
      url: url.toString(),
      etag: header(res, 'etag'),
      lastModified: header(res, 'last-modified'),
      headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
    };
    if (status === 304) {
      res.resume();
      return { ...base, status: 304, contentType: null, charset: null, body: Buffer.alloc(0), text: () => '' };
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new FetchError('http-status', `the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status);
    }
    const ctype = header(res, 'content-type');
    const mime = ctype?.split(';')[0]?.trim().toLowerCase() ?? null;
    const charset = /charset="?([\w-]+)"?/i.exec(ctype ?? '')?.[1]?.toLowerCase() ?? null;
    if (mime && !TYPES[opts.kind].test(mime)) {
      res.resume();
      throw new FetchError('bad-content-type', `refused: the URL serves ${mime}, not ${opts.kind === 'feed' ? 'a feed' : 'a web page'}`);
    }
    const length = Number(header(res, 'content-length') ?? NaN);
    if (length > maxBytes) {
      res.destroy();
      throw new FetchError('too-large', `refused: the response is ${(length / 1048576).toFixed(1)} MB, over the ${maxBytes / 1048576} MB limit`);
    }
    const body = await readBody(res, maxBytes, deadline);
    return {
      ...base, status: 200, contentType: mime, charset, body,
      text: () => decodeBody(body, charset),
    };
  }
}

function request(url: URL, opts: FetchOptions, allowPrivate: boolean, deadline: number): Promise<IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  const host = bareHost(url.hostname);
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? UA,
    accept: opts.kind === 'feed' ? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' : 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  // Private allowed: the plain resolver (or the injected one). Otherwise every answer is checked.
  const lookup = allowPrivate ? opts.lookup : guardedLookup(host, opts.lookup ?? dnsLookup);
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchError('timeout', 'timed out'));
    const req = lib.request(url, {
      method: 'GET',
      headers,
      ...(lookup ? { lookup: lookup as never } : {}),
    });
    const timer = setTimeout(() => req.destroy(new FetchError('timeout', `timed out: no answer within ${Math.ceil(remaining / 1000)} s`)), remaining);
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      if (err instanceof FetchError) return reject(err);
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const msg = code === 'ENOTFOUND' ? `${url.hostname} was not found (DNS)` : code === 'ECONNREFUSED' ? `${url.host} refused the connection` : `network error: ${err.message.split('\n')[0]}`;
      reject(new FetchError('network', msg, null, { cause: err }));
    });
    req.end();
  });
}

/** Reads the body through the right decompressor, stopping once the decoded size passes the cap. */
function readBody(res: IncomingMessage, maxBytes: number, deadline: number): Promise<Buffer> {
  const enc = header(res, 'content-encoding')?.toLowerCase().trim() ?? '';
  let stream: Readable = res;
  if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
  else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
  else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: FetchError) => {
      res.destroy();
      stream.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new FetchError('timeout', 'timed out while reading the response')), Math.max(0, deadline - Date.now()));
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        clearTimeout(timer);
        fail(new FetchError('too-large', `refused: the response passed the ${maxBytes / 1048576} MB limit${enc ? ' once decompressed' : ''}`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (err) => {
      clearTimeout(timer);
      reject(err instanceof FetchError ? err : new FetchError('network', `could not read the response: ${err.message.split('\n')[0]}`, null, { cause: err }));
    });
  });
}

/** Decodes with the declared charset (or one in an XML/HTML prolog), UTF-8 by default. */
export function decodeBody(body: Buffer, charset: string | null): string {
  let cs = charset;
  if (!cs) {
    const head = body.subarray(0, 1024).toString('latin1');
    cs = /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? null;
  }
  try {
    return new TextDecoder(cs?.toLowerCase() ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
