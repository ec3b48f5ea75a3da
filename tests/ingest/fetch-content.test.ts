import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, fetchUrl } from '../../src/ingest/fetch.js';
import type { FetchOptions } from '../../src/ingest/fetch.js';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { failure } from './fetch-failure.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const opts = (kind: FetchOptions['kind']): FetchOptions => ({ kind, allowPrivate: true });

describe('fetchUrl content types and decoding', () => {
  let srv: TestServer;
  const serve = (type: string | null, body: string | Buffer) => (_q: unknown, r: ServerResponse) => {
    if (type) r.setHeader('content-type', type);
    r.writeHead(200).end(body);
  };
  beforeAll(async () => {
    srv = await startServer({
      '/png': serve('image/png', PNG),
      '/pdf': serve('application/pdf', '%PDF-1.4'),
      '/mp4': serve('video/mp4', 'xx'),
      '/rss': serve('application/rss+xml', RSS),
      '/text-xml': serve('text/xml; charset=utf-8', RSS),
      '/feed-json': serve('application/feed+json', '{"version":"https://jsonfeed.org/version/1.1"}'),
      '/octet-xml': serve('application/octet-stream', RSS),
      '/octet-json': serve('application/octet-stream', '{"version":"https://jsonfeed.org/version/1"}'),
      '/octet-png': serve('application/octet-stream', PNG),
      '/octet-prose': serve('application/octet-stream', 'just some words'),
      '/untyped': serve(null, '<html><body>hi</body></html>'),
      '/untyped-png': serve(null, PNG),
      '/plain': serve('text/plain; charset=utf-8', 'plain words'),
      '/cp1252': serve('text/html; charset=windows-1252', Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0xe9])),
      '/latin1': serve('text/html; charset=ISO-8859-1', Buffer.from([0x43, 0x61, 0x66, 0xe9])),
      '/prolog': serve('application/xml', Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>'), Buffer.from([0xe9]), Buffer.from('</t></rss>')])),
      '/bom16': serve('text/html; charset=utf-8', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>é</p>', 'utf16le')])),
      '/bad-utf8': serve('text/html; charset=utf-8', Buffer.from([0x61, 0xff, 0x62])),
      '/unknown-charset': serve('text/html; charset=x-made-up', 'ok é'),
    });
  });
  afterAll(() => srv.close());

  it('refuses images, PDFs and video with a message naming the type', async () => {
    for (const [path, kind] of [['/png', 'page'], ['/png', 'feed'], ['/pdf', 'page'], ['/mp4', 'feed']] as const) {
      const err = await failure(fetchUrl(`${srv.url}${path}`, opts(kind)));
      expect(err.code, path).toBe('bad-content-type');
    }
    expect((await failure(fetchUrl(`${srv.url}/png`, opts('page')))).message).toBe('refused: the URL serves image/png, not a web page');
    expect((await failure(fetchUrl(`${srv.url}/pdf`, opts('feed')))).message).toBe('refused: the URL serves application/pdf, not a feed');
  });

  it('takes feeds served as RSS, text/xml, JSON Feed, or octet-stream that looks like XML or JSON', async () => {
    for (const path of ['/rss', '/text-xml', '/feed-json', '/octet-xml', '/octet-json', '/plain']) {
      expect((await fetchUrl(`${srv.url}${path}`, opts('feed'))).status, path).toBe(200);
    }
  });

  it('refuses octet-stream that is binary or does not look like the asked-for kind', async () => {
    expect((await failure(fetchUrl(`${srv.url}/octet-png`, opts('feed')))).message).toMatch(/binary data/);
    expect((await failure(fetchUrl(`${srv.url}/octet-prose`, opts('feed')))).message).toMatch(/does not look like a feed/);
    expect((await failure(fetchUrl(`${srv.url}/untyped-png`, opts('page')))).code).toBe('bad-content-type');
  });

  it('takes a page without a content type when it is text, and refuses a feed type for a page', async () => {
    expect((await fetchUrl(`${srv.url}/untyped`, opts('page'))).text()).toContain('hi');
    expect((await failure(fetchUrl(`${srv.url}/rss`, opts('page')))).code).toBe('bad-content-type');
    expect((await fetchUrl(`${srv.url}/rss`, opts('any'))).status).toBe(200);
  });

  it('decodes with the declared charset, windows-1252 quotes included', async () => {
    expect((await fetchUrl(`${srv.url}/cp1252`, opts('page'))).text()).toBe('\u201cHi\u201d \u20ac\u00e9');
    expect((await fetchUrl(`${srv.url}/latin1`, opts('page'))).text()).toBe('Café');
  });

  it('decodes with the XML prolog charset when the header has none, and honours a BOM', async () => {
    expect((await fetchUrl(`${srv.url}/prolog`, opts('feed'))).text()).toContain('<t>é</t>');
    expect((await fetchUrl(`${srv.url}/bom16`, opts('page'))).text()).toBe('<p>é</p>');
  });

  it('replaces invalid bytes instead of failing, and falls back to UTF-8 for unknown charsets', async () => {
    expect((await fetchUrl(`${srv.url}/bad-utf8`, opts('page'))).text()).toBe('a\ufffdb');
    expect((await fetchUrl(`${srv.url}/unknown-charset`, opts('page'))).text()).toBe('ok é');
    expect(decodeBody(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'iso-8859-1')).toBe('hi');
  });
});
