/**
 * OPML in a Telegram chat through the real client: an admin sends a document captioned /feeds import
 * (or replies /feeds import to one), the bot downloads it via getFile from the fake and adds each
 * feed as /feeds add would; /feeds export answers with a document (sendDocument, multipart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFetcher } from '../../../src/app.js';
import { wordingOf } from '../../../src/bots/registry.js';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { readOpml } from '../../../src/ingest/opml.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import { startServer, type TestServer } from '../../helpers/http-server.js';
import { ALICE, PRIVATE, startHarness, type Harness } from './harness.js';

const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a1</link><description>The bridge reopened.</description></item></channel></rss>`;

let h: Harness;
let srv: TestServer;
let store: Store;
beforeAll(async () => {
  srv = await startServer({
    '/a.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire A')),
    '/b.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire B')),
  });
  store = createMemoryStore();
  const handler = createCommandHandler({
    wording: wordingOf, store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: makeFetcher({ allowPrivateUrls: true }),
    nextRun: () => null, log: silentLogger,
  });
  h = await startHarness({ handler });
});
afterAll(async () => {
  await h.close();
  await srv.close();
});

async function answer(updateId: number, before: number): Promise<string> {
  await h.fake.waitForMessages(before + 1, PRIVATE.id);
  await h.fake.waitForConfirmed(updateId);
  await h.bot.idle(); // the update's replies were queued by then; wait until they are sent
  expect(h.fake.refused).toEqual([]);
  return h.fake.sent.slice(before).map((m) => m.visible).join('\n');
}

describe('OPML through Telegram', () => {
  it('a document captioned /feeds import adds its feeds and reports added / duplicate / refused', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="${srv.url}/a.xml"/><outline text="Gone" xmlUrl="${srv.url}/gone.xml"/></body></opml>`;
    const before = h.fake.sent.length;
    const { updateId } = h.fake.sendFile({ chat: PRIVATE, from: ALICE, name: 'subs.opml', content: opml, caption: '/feeds import' });
    const text = await answer(updateId, before);
    expect(text).toContain('Imported subs.opml: 1 added, 0 duplicate, 1 refused.');
    expect(text).toContain('Wire A');
    expect(text).toMatch(/gone\.xml: Could not add the feed: .*404/);
    expect((await store.listFeeds()).map((f) => f.title)).toEqual(['Wire A']);
    expect(h.fake.calls.some((c) => c.method === 'getFile')).toBe(true);
  });

  it('/feeds import as a reply to a document works too; a hostile file is refused with a clear line', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="${srv.url}/a.xml"/><outline text="B" xmlUrl="${srv.url}/b.xml"/></body></opml>`;
    let before = h.fake.sent.length;
    const reply = h.fake.sendFile({ chat: PRIVATE, from: ALICE, name: 'more.opml', content: opml, replyTo: { message_id: 999, text: '/feeds import' } });
    expect(await answer(reply.updateId, before)).toContain('Imported more.opml: 1 added, 1 duplicate, 0 refused.');
    before = h.fake.sent.length;
    const hostile = h.fake.sendFile({ chat: PRIVATE, from: ALICE, name: 'bad.opml', content: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>', caption: '/feeds import' });
    expect(await answer(hostile.updateId, before)).toContain('Refused: the OPML file declares XML entities');
    before = h.fake.sent.length;
    const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/feeds import' });
    expect(await answer(id, before)).toContain('Send an OPML file with /feeds import as its caption');
  });

  it('/feeds export sends the chat’s feeds as an OPML document', async () => {
    const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text: '/feeds export' });
    await h.fake.waitFor(() => (h.fake.files.documents.length > 0 ? true : null), 'a document');
    await h.fake.waitForConfirmed(id);
    await h.bot.idle(); // the update's replies were queued by then; wait until they are sent
    const doc = h.fake.files.documents[0]!;
    expect(doc).toMatchObject({ chat_id: String(PRIVATE.id), filename: 'newsbot-feeds.opml', caption: 'This chat’s 2 feeds as OPML.' });
    expect(readOpml(doc.content)).toEqual({ ok: true, entries: [{ url: `${srv.url}/a.xml`, title: 'Wire A' }, { url: `${srv.url}/b.xml`, title: 'Wire B' }] });
  });
});
