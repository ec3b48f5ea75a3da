import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/ingest/fetch.js';
import type { FetchOptions } from '../../src/ingest/fetch.js';
import { isBlockedAddress, isBlockedName } from '../../src/ingest/net-guard.js';
import { fakeLookup, startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { failure } from './fetch-failure.js';

const HTML = '<html><body><p>Hello</p></body></html>';

describe('fetchUrl private-address guard', () => {
  let srv: TestServer;
  /**
   * news.example is "public" for these tests: it resolves to the test server, whose address is the
   * one exemption (allowAddresses). Every other private address stays refused.
   */
  let pub: (o?: Partial<FetchOptions>) => FetchOptions;
  const lookup = fakeLookup({
    'news.example': '127.0.0.1',
    'rebind.example': '127.0.0.1',
    'inside.example': '::ffff:127.0.0.1',
    'mixed.example': ['93.184.215.14', '10.1.2.3'],
  });
  beforeAll(async () => {
    srv = await startServer({
      '/page': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(HTML),
      '/to-literal': (_q, r) => void r.writeHead(302, { location: 'http://10.0.0.1/admin' }).end(),
      '/to-metadata': (_q, r) => void r.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-localhost': (_q, r) => void r.writeHead(302, { location: `http://localhost:${srv.port}/page` }).end(),
      '/to-private-name': (_q, r) => void r.writeHead(302, { location: `http://inside.example:${srv.port}/page` }).end(),
      '/to-public': (_q, r) => void r.writeHead(302, { location: `http://news.example:${srv.port}/page` }).end(),
    });
    pub = (o = {}) => ({ kind: 'page', allowPrivate: false, lookup, allowAddresses: ['127.0.0.1'], ...o });
  });
  afterAll(() => srv.close());

  it('given private literal hosts and local names, refuses them with the hint and sends nothing', async () => {
    const before = srv.requests.length;
    const hosts = [
      '127.0.0.1', '127.0.0.2', '2130706433', '0x7f.1', '10.0.0.1', '169.254.169.254', '[::1]', '[::ffff:127.0.0.1]',
      '[::127.0.0.1]', '[::]', '100.64.0.1', '100.100.100.200', '192.168.1.1', '172.16.5.4', '0.0.0.0', '255.255.255.255',
      '224.0.0.1', '[fe80::1]', '[fd00:ec2::254]', '[ff02::1]', '[64:ff9b::a00:1]', '[2002:a00:1::]',
      'localhost', 'LOCALHOST.', 'app.localhost', 'metadata.google.internal', 'metadata', 'printer.local', 'db.internal',
    ];
    for (const host of hosts) {
      const err = await failure(fetchUrl(`http://${host}:${srv.port}/page`, { kind: 'page', allowPrivate: false }));
      expect(err.code, host).toBe('refused-address');
      expect(err.message, host).toMatch(/^refused: .*private or local address|^refused: .*local or metadata host name/);
      expect(err.message).toMatch(/\(set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use\)$/);
    }
    expect(srv.requests.length).toBe(before);
  });

  it('given allowPrivate, reaches the same server (so the refusals above are the guard, not the network)', async () => {
    expect((await fetchUrl(`http://localhost:${srv.port}/page`, { kind: 'page', allowPrivate: true })).text()).toBe(HTML);
    expect((await fetchUrl(`http://[::ffff:127.0.0.1]:${srv.port}/page`, { kind: 'page', allowPrivate: true })).text()).toBe(HTML);
  });

  it('given a public-looking name that resolves to a private address, refuses at connect time', async () => {
    const before = srv.requests.length;
    const err = await failure(fetchUrl(`http://rebind.example:${srv.port}/page`, { kind: 'page', allowPrivate: false, lookup }));
    expect(err.code).toBe('refused-address');
    expect(err.message).toBe('refused: rebind.example resolves to 127.0.0.1, a private or local address (set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)');
    const mixed = await failure(fetchUrl(`http://mixed.example:${srv.port}/page`, { kind: 'page', allowPrivate: false, lookup }));
    expect(mixed.message).toMatch(/resolves to 10\.1\.2\.3/);
    expect(srv.requests.length).toBe(before);
  });

  it('given an exempted address, reaches it by name while the guard is on', async () => {
    const r = await fetchUrl(`http://news.example:${srv.port}/to-public`, pub());
    expect(r.url).toBe(`http://news.example:${srv.port}/page`);
  });

  it('re-checks every redirect hop: private literals, metadata, local names and private DNS answers are refused', async () => {
    const cases: [string, RegExp][] = [
      ['/to-literal', /^refused: the server redirected to 10\.0\.0\.1, a private or local address/],
      ['/to-metadata', /^refused: the server redirected to 169\.254\.169\.254/],
      ['/to-localhost', /^refused: the server redirected to localhost, a local or metadata host name/],
      ['/to-private-name', /^refused: inside\.example resolves to ::ffff:127\.0\.0\.1/],
    ];
    for (const [path, message] of cases) {
      const before = srv.requests.length;
      const err = await failure(fetchUrl(`http://news.example:${srv.port}${path}`, pub()));
      expect(err.code, path).toBe('refused-address');
      expect(err.message, path).toMatch(message);
      // Only the first hop reached the server; the refused hop never did.
      expect(srv.requests.slice(before).map((q) => q.path), path).toEqual([path]);
    }
    // Control: with private URLs allowed the same private-name hop does reach the server.
    expect((await fetchUrl(`http://news.example:${srv.port}/to-private-name`, { ...pub(), allowPrivate: true })).text()).toBe(HTML);
  });

  it('classifies addresses: public ones pass, special-purpose ones and IPv6 forms of them do not', () => {
    for (const a of ['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) expect(isBlockedAddress(a), a).toBe(false);
    for (const a of ['100.127.255.255', '::ffff:10.1.2.3', '::ffff:a01:203', '64:ff9b::7f00:1', '2002:c0a8:101::1', 'fd00:ec2::254', '2001:0:4136:e378::1', 'fec0::1', '::', '::1'])
      expect(isBlockedAddress(a), a).toBe(true);
    expect(isBlockedName('news.example.com')).toBe(false);
    expect(isBlockedName('instance-data')).toBe(true);
  });
});
