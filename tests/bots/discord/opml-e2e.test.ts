/**
 * OPML on Discord through the real client: /feeds import file:<attachment> (the attachment fetched
 * from its URL) adds each feed as /feeds add would; /feeds export answers with an attached file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFetcher } from '../../../src/app.js';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { readOpml } from '../../../src/ingest/opml.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { startServer, type TestServer } from '../../helpers/http-server.js';
import { MANAGE_GUILD, bodies, startHarness, type Harness } from './harness.js';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire A</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a1</link><description>The bridge reopened.</description></item></channel></rss>`;

let h: Harness;
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ '/a.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss) });
  srv.route('/attachments/subs.opml', (_q, r) => void r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(`<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="${srv.url}/a.xml"/></body></opml>`));
  const handler = createCommandHandler({
    wording: wordingOf, store: createMemoryStore(), config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: makeFetcher({ allowPrivateUrls: true }),
    nextRun: () => null, log: silentLogger,
  });
  h = await startHarness({ handler });
});
afterAll(async () => {
  await h.stop();
  await srv.close();
});

describe('OPML through Discord', () => {
  it('/feeds import file:<attachment> downloads the file and adds its feeds', async () => {
    const attachment = { id: '900000000000000001', filename: 'subs.opml', size: 120, url: `${srv.url}/attachments/subs.opml`, proxy_url: `${srv.url}/attachments/subs.opml`, content_type: 'text/x-opml' };
    const ix = await h.run({
      name: 'feeds', permissions: MANAGE_GUILD,
      options: [{ name: 'import', type: 1, options: [{ name: 'file', type: 11, value: attachment.id }] }],
      resolved: { attachments: { [attachment.id]: attachment } },
    });
    const text = JSON.stringify(bodies(ix));
    expect(text).toContain('Imported subs.opml: 1 added, 0 duplicate, 0 refused.');
    expect(srv.hits('/attachments/subs.opml')).toBe(1);
  });

  it('/feeds export answers with the feeds as an attached OPML file', async () => {
    const ix = await h.run({ name: 'feeds', permissions: MANAGE_GUILD, options: [{ name: 'export', type: 1, options: [] }] });
    const body = bodies(ix)[0] as { content?: string; files?: { filename: string; content: string }[] };
    expect(body.content).toContain('feed as OPML');
    expect(body.files?.[0]?.filename).toBe('newsbot-feeds.opml');
    expect(readOpml(body.files![0]!.content)).toEqual({ ok: true, entries: [{ url: `${srv.url}/a.xml`, title: 'Wire A' }] });
  });
});
