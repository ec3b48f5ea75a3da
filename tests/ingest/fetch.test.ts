import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/ingest/fetch.js';
import type { FetchOptions } from '../../src/ingest/fetch.js';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { failure } from './fetch-failure.js';

const HTML = '<html><body><p>Hello</p></body></html>';
const local = (o: Partial<FetchOptions> = {}): FetchOptions => ({ kind: 'page', allowPrivate: true, ...o });
const html = { 'content-type': 'text/html; charset=utf-8' };

describe('fetchUrl over HTTP', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({
      '/page': (_q, r) => void r.writeHead(200, { ...html, 'cache-control': 'max-age=60' }).end(HTML),
      '/etag': (q, r) => {
        if (q.headers['if-none-match'] === '"v1"') return void r.writeHead(304, { etag: '"v1"' }).end();
        r.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end('<rss/>');
      },
      '/modified': (q, r) => {
        const lm = 'Sat, 28 Nov 2026 10:00:00 GMT';
        if (q.headers['if-modified-since'] === lm) return void r.writeHead(304).end();
        r.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': lm }).end('<feed/>');
      },
      '/500': (_q, r) => void r.writeHead(500).end('oops'),
      '/404': (_q, r) => void r.writeHead(404, 'Not Found').end(),
      '/r1': (_q, r) => void r.writeHead(302, { location: '/r2?x=1' }).end(),
      '/r2': (_q, r) => void r.writeHead(301, { location: `${srv.url}/r3` }).end(),
      '/r3': (_q, r) => void r.writeHead(308, { location: 'page' }).end(),
      '/loop': (_q, r) => void r.writeHead(302, { location: '/loop' }).end(),
      '/nowhere': (_q, r) => void r.writeHead(302).end(),
      '/to-file': (_q, r) => void r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/big': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) }).end(),
      '/chunked': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(256 * 1024, 'a');
        for (let i = 0; i < 24; i++) r.write(chunk);
        r.end();
      },
      '/bomb': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20))),
      '/gz': (_q, r) => void r.writeHead(200, { ...html, 'content-encoding': 'gzip' }).end(gzipSync(HTML)),
      '/br': (_q, r) => void r.writeHead(200, { ...html, 'content-encoding': 'br' }).end(brotliCompressSync(HTML)),
      '/deflate': (_q, r) => void r.writeHead(200, { ...html, 'content-encoding': 'deflate' }).end(deflateSync(HTML)),
      '/bad-gz': (_q, r) => void r.writeHead(200, { ...html, 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all')),
      '/zstd': (_q, r) => void r.writeHead(200, { ...html, 'content-encoding': 'zstd' }).end('xx'),
      '/slow-headers': (_q, r) => void setTimeout(() => r.writeHead(200, html).end(HTML), 5000),
      '/stall-body': (_q, r) => {
        r.writeHead(200, html);
        r.write('<html><body>');
      },
      '/trickle': (_q, r) => {
        r.writeHead(200, html);
        const t = setInterval(() => (r.destroyed ? clearInterval(t) : r.write('a')), 20);
        r.on('close', () => clearInterval(t));
      },
    });
  });
  afterAll(() => srv.close());

  it('given a page, returns its body, final URL, type, charset and headers', async () => {
    const r = await fetchUrl(`${srv.url}/page`, local());
    expect(r).toMatchObject({ status: 200, url: `${srv.url}/page`, contentType: 'text/html', charset: 'utf-8' });
    expect(r.text()).toBe(HTML);
    expect(r.headers['cache-control']).toBe('max-age=60');
    expect(srv.requests.at(-1)?.headers['user-agent']).toMatch(/newsbot/);
  });

  it('given an ETag from the last fetch, sends If-None-Match and returns 304 with an empty body', async () => {
    const first = await fetchUrl(`${srv.url}/etag`, local({ kind: 'feed' }));
    expect(first).toMatchObject({ status: 200, etag: '"v1"' });
    const again = await fetchUrl(`${srv.url}/etag`, local({ kind: 'feed', etag: first.etag }));
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.text()).toBe('');
    expect(srv.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('given a Last-Modified from the last fetch, sends If-Modified-Since and returns 304', async () => {
    const first = await fetchUrl(`${srv.url}/modified`, local({ kind: 'feed' }));
    expect(first.lastModified).toBe('Sat, 28 Nov 2026 10:00:00 GMT');
    const again = await fetchUrl(`${srv.url}/modified`, local({ kind: 'feed', lastModified: first.lastModified }));
    expect(again.status).toBe(304);
  });

  it('given HTTP errors, throws http-status with the status', async () => {
    const e500 = await failure(fetchUrl(`${srv.url}/500`, local()));
    expect(e500).toMatchObject({ code: 'http-status', status: 500 });
    expect((await failure(fetchUrl(`${srv.url}/404`, local()))).message).toBe('the server answered HTTP 404 Not Found');
  });

  it('follows relative and absolute redirects and returns the final URL', async () => {
    const r = await fetchUrl(`${srv.url}/r1`, local());
    expect(r.url).toBe(`${srv.url}/page`);
    expect(r.text()).toBe(HTML);
  });

  it('follows exactly maxRedirects redirects and refuses one more', async () => {
    expect((await fetchUrl(`${srv.url}/r1`, local({ maxRedirects: 3 }))).status).toBe(200);
    expect((await failure(fetchUrl(`${srv.url}/r1`, local({ maxRedirects: 2 })))).code).toBe('too-many-redirects');
    const before = srv.hits('/loop');
    expect((await failure(fetchUrl(`${srv.url}/loop`, local()))).code).toBe('too-many-redirects');
    expect(srv.hits('/loop') - before).toBe(6);
  });

  it('refuses a redirect without a Location, or to another scheme', async () => {
    expect((await failure(fetchUrl(`${srv.url}/nowhere`, local()))).code).toBe('http-status');
    const toFile = await failure(fetchUrl(`${srv.url}/to-file`, local()));
    expect(toFile.code).toBe('bad-scheme');
    expect(toFile.message).toMatch(/redirected to a file URL/);
  });

  it('refuses a body over the cap by Content-Length, by streamed size, and once decompressed', async () => {
    const big = await failure(fetchUrl(`${srv.url}/big`, local()));
    expect(big.code).toBe('too-large');
    expect(big.message).toBe('refused: the response is 6 MB, over the 5 MB limit');
    expect((await failure(fetchUrl(`${srv.url}/chunked`, local()))).code).toBe('too-large');
    expect((await failure(fetchUrl(`${srv.url}/page`, local({ maxBytes: 10 })))).code).toBe('too-large');
    const bomb = await failure(fetchUrl(`${srv.url}/bomb`, local()));
    expect(bomb.code).toBe('too-large');
    expect(bomb.message).toMatch(/once decompressed/);
  });

  it('decodes gzip, brotli and deflate bodies', async () => {
    for (const path of ['/gz', '/br', '/deflate']) expect((await fetchUrl(`${srv.url}${path}`, local())).text(), path).toBe(HTML);
  });

  it('given a corrupt or unknown compression, throws a network error', async () => {
    expect((await failure(fetchUrl(`${srv.url}/bad-gz`, local()))).message).toBe('could not decompress the response');
    expect((await failure(fetchUrl(`${srv.url}/zstd`, local()))).message).toMatch(/compression.*zstd/);
  });

  it('times out a server that does not answer, stalls mid-body, or trickles forever', async () => {
    const slow = await failure(fetchUrl(`${srv.url}/slow-headers`, local({ timeoutMs: 300 })));
    expect(slow.code).toBe('timeout');
    expect((await failure(fetchUrl(`${srv.url}/stall-body`, local({ timeoutMs: 300 })))).code).toBe('timeout');
    expect((await failure(fetchUrl(`${srv.url}/trickle`, local({ timeoutMs: 400 })))).code).toBe('timeout');
  });

  it('stops when the caller aborts, and sends nothing for an already aborted signal', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    expect((await failure(fetchUrl(`${srv.url}/slow-headers`, local({ signal: ac.signal })))).code).toBe('aborted');
    const before = srv.requests.length;
    expect((await failure(fetchUrl(`${srv.url}/page`, local({ signal: AbortSignal.abort() })))).code).toBe('aborted');
    expect(srv.requests.length).toBe(before);
  });

  it('given a closed port, throws a one-line network error', async () => {
    const gone = await startServer();
    const url = gone.url;
    await gone.close();
    const err = await failure(fetchUrl(`${url}/x`, local()));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/refused the connection/);
  });

  it('refuses non-http schemes, credentials and over-long URLs before any request', async () => {
    const before = srv.requests.length;
    expect((await failure(fetchUrl('file:///etc/passwd', local()))).code).toBe('bad-scheme');
    expect((await failure(fetchUrl('ftp://example.com/x', local()))).code).toBe('bad-scheme');
    expect((await failure(fetchUrl('gopher://127.0.0.1/', local()))).code).toBe('bad-scheme');
    expect((await failure(fetchUrl(`http://user:pw@127.0.0.1:${srv.port}/page`, local()))).code).toBe('bad-url');
    expect((await failure(fetchUrl(`${srv.url}/${'a'.repeat(2100)}`, local()))).code).toBe('bad-url');
    expect((await failure(fetchUrl('not a url', local()))).code).toBe('bad-url');
    expect(srv.requests.length).toBe(before);
  });
});
