/**
 * The one function every network read goes through: feeds, pages, /summary and ingest URLs.
 * It refuses private addresses (on the literal host, on the address DNS gives at connect time, and
 * on every redirect hop), caps size (decompressed bytes counted), time and redirects, and checks
 * the content type.
 */
import { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { Writable } from 'node:stream';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { checkSniffed, contentTypeError, decodeBody, parseContentType, refusedType } from './fetch-decode.js';
import { FETCH_DEFAULTS, FetchError, PRIVATE_HINT } from './fetch-types.js';
import type { FetchOptions, FetchResult } from './fetch-types.js';
import { bareHost, isBlockedAddress, isBlockedName, refusingLookup } from './net-guard.js';

export { FetchError, FETCH_DEFAULTS } from './fetch-types.js';
export type { FetchErrorCode, FetchOptions, FetchResult } from './fetch-types.js';
export { decodeBody } from './fetch-decode.js';

const UA = 'newsbot/0.1 (news digest bot)';

/** Which addresses may be reached. */
interface Guard {
  allowPrivate: boolean;
  allowed: ReadonlySet<string>;
}

function makeGuard(opts: Pick<FetchOptions, 'allowPrivate' | 'allowAddresses'>): Guard {
  return { allowPrivate: opts.allowPrivate, allowed: new Set((opts.allowAddresses ?? []).map((a) => bareHost(a).toLowerCase())) };
}

function refused(guard: Guard, address: string): boolean {
  return !guard.allowPrivate && isBlockedAddress(address) && !guard.allowed.has(bareHost(address).toLowerCase());
}

/** "2.5 MB", "800 KB", "512 bytes". */
function size(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * Parses and checks a URL before anything is sent: scheme, credentials, length, and (unless
 * private URLs are allowed) a literal private address or a local/metadata host name.
 * `redirected` words the refusal for a redirect hop.
 */
export function checkUrl(raw: string, opts: Pick<FetchOptions, 'allowPrivate' | 'allowAddresses'>, redirected = false): URL {
  const guard = makeGuard(opts);
  const what = redirected ? 'the server redirected to' : '';
  if (raw.length > FETCH_DEFAULTS.maxUrlLength) throw new FetchError('bad-url', `refused: ${what || 'the'} URL is over ${FETCH_DEFAULTS.maxUrlLength} characters`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `not a valid URL: ${raw.slice(0, 80)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('bad-scheme', `refused: ${what ? `${what} a` : 'only http and https URLs are fetched, not'} ${u.protocol.replace(':', '')}${what ? ' URL' : ''}`);
  }
  if (u.username || u.password) throw new FetchError('bad-url', `refused: ${what ? `${what} a URL` : 'URLs'} with a user name or password${what ? '' : ' are not fetched'}`);
  const host = bareHost(u.hostname);
  if (!guard.allowPrivate) {
    const lead = what ? `${what} ${host},` : `${host} is`;
    if (isIP(host) && refused(guard, host)) throw new FetchError('refused-address', `refused: ${lead} a private or local address ${PRIVATE_HINT}`);
    if (!isIP(host) && isBlockedName(host)) throw new FetchError('refused-address', `refused: ${lead} a local or metadata host name ${PRIVATE_HINT}`);
  }
  return u;
}

/** The connection's lookup: every answer checked against the guard. */
function guardedLookup(host: string, guard: Guard, base: LookupFunction): LookupFunction {
  return refusingLookup((address) => refused(guard, address), (address) => new FetchError('refused-address', `refused: ${host} resolves to ${address}, a private or local address ${PRIVATE_HINT}`), base);
}

function header(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Any error of a request as a one-line FetchError. */
function toFetchError(err: unknown, url: URL): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (e?.name === 'AbortError') return new FetchError('aborted', 'the fetch was cancelled', null, { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') return new FetchError('network', `${url.hostname} was not found (DNS)`, null, { cause: err });
  if (code === 'ECONNREFUSED') return new FetchError('network', `${url.host} refused the connection`, null, { cause: err });
  if (code === 'ETIMEDOUT') return new FetchError('timeout', `timed out connecting to ${url.host}`, null, { cause: err });
  if (/^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code)) return new FetchError('network', `TLS problem with ${url.host} (${code})`, null, { cause: err });
  if (/^(Z_|ERR__ERROR|ERR_BROTLI)/.test(code)) return new FetchError('network', 'could not decompress the response', null, { cause: err });
  const msg = (e?.message ?? String(err)).split('\n')[0];
  return new FetchError('network', `network error: ${msg}${code && !msg?.includes(code) ? ` (${code})` : ''}`, null, { cause: err });
}

/** One request/response exchange; the body is read or discarded by the caller. */
interface Hop {
  res: IncomingMessage;
  /** Reads the body through its decompressor, failing once the decoded size passes maxBytes. */
  read(maxBytes: number): Promise<Buffer>;
  /** Drops the response and its connection. */
  discard(): void;
}

function requestHeaders(opts: FetchOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': opts.userAgent ?? UA,
    accept: opts.kind === 'feed'
      ? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5'
      : opts.kind === 'page' ? 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5' : '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  return headers;
}

function decoderFor(encoding: string): Transform | null {
  // Truncated compressed bodies are common (servers cut streams); browsers keep what decoded.
  const sync = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case '': case 'identity': return null;
    case 'gzip': case 'x-gzip': return zlib.createGunzip(sync);
    case 'deflate': return zlib.createInflate(sync);
    case 'br': return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default: throw new FetchError('network', `the server used a compression newsbot cannot read (${encoding})`);
  }
}

function openHop(url: URL, opts: FetchOptions, guard: Guard, deadline: number): Promise<Hop> {
  const lib = url.protocol === 'https:' ? https : http;
  const base = opts.lookup ?? (dnsLookup as unknown as LookupFunction);
  // With private addresses allowed the resolver is used as is; otherwise every answer is checked.
  const lookup = guard.allowPrivate ? opts.lookup : guardedLookup(bareHost(url.hostname), guard, base);
  const idleMs = Math.min(opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs, FETCH_DEFAULTS.idleMs);
  return new Promise((resolve, reject) => {
    let failure: FetchError | null = null;
    // agent: false — no pooled sockets, so no connection is reused past the lookup that checked it.
    const req = lib.request(url, { method: 'GET', headers: requestHeaders(opts), agent: false, ...(lookup ? { lookup } : {}) });
    const fail = (err: FetchError) => {
      failure ??= err;
      req.destroy(err);
    };
    const onAbort = () => fail(new FetchError('aborted', 'the fetch was cancelled'));
    const timer = setTimeout(() => fail(new FetchError('timeout', `timed out: no complete answer within ${Math.round((opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs) / 100) / 10} s`)), Math.max(0, deadline - Date.now()));
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(idleMs, () => fail(new FetchError('timeout', `timed out: ${url.host} sent nothing for ${Math.round(idleMs / 100) / 10} s`)));
    req.on('error', (err) => {
      cleanup();
      reject(failure ?? toFetchError(err, url));
    });
    req.on('response', (res) => {
      resolve({
        res,
        discard: () => {
          cleanup();
          res.destroy();
          req.destroy();
        },
        read: async (maxBytes) => {
          const chunks: Buffer[] = [];
          let total = 0;
          const encoding = header(res, 'content-encoding')?.toLowerCase().trim() ?? '';
          const sink = new Writable({
            write(chunk: Buffer, _enc, done) {
              total += chunk.length;
              if (total <= maxBytes) {
                chunks.push(chunk);
                return done();
              }
              const e = new FetchError('too-large', `refused: the response passed the ${size(maxBytes)} limit${encoding && encoding !== 'identity' ? ' once decompressed' : ''}`);
              fail(e);
              done(e);
            },
          });
          try {
            const decoder = decoderFor(encoding);
            await (decoder ? pipeline(res, decoder, sink) : pipeline(res, sink));
            return Buffer.concat(chunks, Math.min(total, maxBytes));
          } catch (err) {
            req.destroy();
            throw failure ?? toFetchError(err, url);
          } finally {
            cleanup();
          }
        },
      });
    });
    req.end();
  });
}

/** Fetches a URL under every rule above. Throws FetchError with a one-line message. */
export async function fetchUrl(rawUrl: string, opts: FetchOptions): Promise<FetchResult> {
  const guard = makeGuard(opts);
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const deadline = Date.now() + (opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs);
  let url = checkUrl(rawUrl, opts);
  for (let hop = 0; ; hop++) {
    if (opts.signal?.aborted) throw new FetchError('aborted', 'the fetch was cancelled');
    const { res, read, discard } = await openHop(url, opts, guard, deadline);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      const location = header(res, 'location');
      discard();
      if (!location) throw new FetchError('http-status', `the server answered HTTP ${status} without saying where to go`, status);
      if (hop >= maxRedirects) throw new FetchError('too-many-redirects', `refused: more than ${maxRedirects} redirects`, status);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchError('bad-url', `the server redirected to an invalid URL: ${location.slice(0, 80)}`, status);
      }
      url = checkUrl(next.toString(), opts, true);
      continue;
    }
    const base = {
      url: url.toString(),
      etag: header(res, 'etag'),
      lastModified: header(res, 'last-modified'),
      headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
    };
    if (status === 304) {
      discard();
      return { ...base, status: 304, contentType: null, charset: null, body: Buffer.alloc(0), text: () => '' };
    }
    if (status < 200 || status >= 300) {
      discard();
      throw new FetchError('http-status', `the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status);
    }
    const { mime, charset } = parseContentType(header(res, 'content-type'));
    if (refusedType(mime, opts.kind)) {
      discard();
      throw contentTypeError(mime!, opts.kind);
    }
    const length = Number(header(res, 'content-length') ?? NaN);
    if (Number.isFinite(length) && length > maxBytes) {
      discard();
      throw new FetchError('too-large', `refused: the response is ${size(length)}, over the ${size(maxBytes)} limit`);
    }
    const body = await read(maxBytes);
    checkSniffed(mime, body, opts.kind);
    return { ...base, status: 200, contentType: mime, charset, body, text: () => decodeBody(body, charset) };
  }
}
