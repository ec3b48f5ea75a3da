import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { jsonLines, runCli } from './run-cli.js';

const body = 'The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck and railings, the city said. Engineers replaced forty metres of steel railing and resurfaced both lanes. Drivers had faced detours of up to twenty minutes while the work went on, and shops near the bridge said trade had fallen by a third during the closure, which began in October.';
const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a1</link><pubDate>${new Date().toUTCString()}</pubDate><description>${body}</description></item></channel></rss>`;

describe('newsbot feeds', () => {
  let srv: TestServer;
  let brokenServesHtml = false;
  const env = { NEWSBOT_ALLOW_PRIVATE_URLS: '1', NEWSBOT_FETCH_TEASERS: '0' };
  beforeAll(async () => {
    srv = await startServer({
      '/good.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Good Wire')),
      '/flaky.xml': (_q, r) => {
        if (brokenServesHtml) return void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>We moved!</body></html>');
        r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Flaky Wire'));
      },
      '/page.html': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>not a feed</p></body></html>'),
    });
  });
  afterAll(() => srv.close());

  it('adds, lists, fetches (a broken feed gets {source,error}, the others go on), and removes feeds', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newsbot-feeds-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const db = join(root, 'data');
    const refused = await runCli(['feeds', 'add', `${srv.url}/good.xml`, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/private or local address.*NEWSBOT_ALLOW_PRIVATE_URLS/);

    expect((await runCli(['feeds', 'add', `${srv.url}/good.xml`, '--db', db], { env })).code).toBe(0);
    expect((await runCli(['feeds', 'add', `${srv.url}/flaky.xml`, '--db', db], { env })).code).toBe(0);
    const notFeed = await runCli(['feeds', 'add', `${srv.url}/page.html`, '--db', db], { env });
    expect(notFeed.code).toBe(1);
    expect(notFeed.stderr.trim()).toMatch(/^newsbot: Could not add the feed: not a feed/);

    brokenServesHtml = true;
    const fetched = await runCli(['feeds', 'fetch', '--all', '--json', '--db', db], { env });
    expect(fetched.code).toBe(1);
    const lines = jsonLines(fetched.stdout);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => String(l.source).endsWith('/flaky.xml'))?.error).toMatch(/not a feed/);
    expect(lines.find((l) => String(l.source).endsWith('/good.xml'))?.added).toBe(1);

    const list = await runCli(['feeds', 'list', '--json', '--db', db]);
    const feeds = jsonLines(list.stdout);
    expect(feeds.find((f) => f.title === 'Flaky Wire')).toMatchObject({ failures: 1 });
    const flakyId = String(feeds.find((f) => f.title === 'Flaky Wire')!.id);
    expect((await runCli(['feeds', 'remove', flakyId, '--db', db])).code).toBe(0);
    expect(jsonLines((await runCli(['feeds', 'list', '--json', '--db', db])).stdout)).toHaveLength(1);
  });
});
