import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { jsonLines, runCli } from './run-cli.js';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Good Wire</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a1</link><description>The bridge reopened.</description></item></channel></rss>`;

describe('newsbot feeds import / export', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ '/good.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss) });
  });
  afterAll(() => srv.close());

  it('imports an OPML file (added / refused, exit 1 for the refused), exports the feeds as OPML, and refuses a hostile file in one line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newsbot-opml-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const db = join(root, 'data');
    const file = join(root, 'subs.opml');
    writeFileSync(file, `<?xml version="1.0"?><opml version="1.0"><body><outline text="Good" xmlUrl="${srv.url}/good.xml"/><outline text="Gone" xmlUrl="${srv.url}/missing.xml"/></body></opml>`);
    const env = { NEWSBOT_ALLOW_PRIVATE_URLS: '1', NEWSBOT_FETCH_TEASERS: '0' };
    const imported = await runCli(['feeds', 'import', file, '--json', '--db', db], { env });
    expect(imported.code).toBe(1);
    const rows = jsonLines(imported.stdout);
    expect(rows).toEqual([
      { source: `${srv.url}/good.xml`, status: 'added', id: expect.any(String), title: 'Good Wire' },
      { source: `${srv.url}/missing.xml`, error: expect.stringMatching(/404/) },
    ]);
    expect(imported.stderr).toContain('1 added, 0 duplicate, 1 refused');
    const exported = await runCli(['feeds', 'export', '--db', db]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml[^>]*>\s*<opml version="2.0">/);
    expect(exported.stdout).toContain(`xmlUrl="${srv.url}/good.xml"`);

    const hostile = join(root, 'hostile.opml');
    writeFileSync(hostile, '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body><outline xmlUrl="&x;"/></body></opml>');
    const refused = await runCli(['feeds', 'import', hostile, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^newsbot: .*hostile\.opml: Refused: the OPML file declares XML entities/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
