import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/bots/commands/router.js';
import { addFeed, fetchDueFeeds } from '../../src/ingest/feeds.js';
import type { Fetcher } from '../../src/ingest/feeds.js';
import { fetchUrl } from '../../src/ingest/fetch.js';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { FIELD_LIMITS } from '../../src/ingest/bounds.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { silentLogger } from '../../src/log.js';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { ALICE, NOW, PRIVATE, startHarness } from '../bots/telegram/harness.js';
import type { Harness } from '../bots/telegram/harness.js';

const fetcher: Fetcher = (url, opts) => fetchUrl(url, { ...opts, allowPrivate: true });
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** 20 items: the first with a 1 MB title and description, the others long in every field. */
function giantFeed(base: string): string {
  const items = Array.from({ length: 20 }, (_, k) => {
    const i = k + 1;
    const title = i === 1 ? `Tram ${'giant '.repeat(175_000)}` : `Tram news ${i} ${'longword '.repeat(60)}`;
    const link = `${base}/a${i}?q=${'x'.repeat(i === 2 ? 3_000 : 1_900)}`;
    const description = i === 1 ? `Tram ${'text '.repeat(200_000)}` : `The tram line ${i} opened. ${'More words here. '.repeat(40)}`;
    return `<item><title>${esc(title)}</title><link>${esc(link)}</link><description>${esc(description)}</description><author>${'a'.repeat(5_000)}@example.com (${'Name '.repeat(2_000)})</author></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${'Feed title '.repeat(10_000)}</title><link>${base}/</link><description>d</description>${items.join('')}</channel></rss>`;
}

describe('a feed with giant fields (1 MB title), then /latest 20 and /search through the Telegram bot', () => {
  let srv: TestServer;
  let h: Harness;
  const store = createMemoryStore();

  beforeAll(async () => {
    srv = await startServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(giantFeed(srv.url));
      },
    });
    const added = await addFeed(store, `${srv.url}/feed.xml`, { scope: `telegram:${PRIVATE.id}`, now: NOW, fetcher });
    expect(added.ok).toBe(true);
    await fetchDueFeeds(store, { now: NOW, fetcher, extractHtml, fetchTeasers: false, pollMinutes: 15 });
    const handler = createCommandHandler({
      store, log: silentLogger,
      config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
      readUrl: () => Promise.reject(new Error('no reads in this test')),
      fetcher,
      nextRun: () => null,
      expensivePerMinute: 100,
    });
    h = await startHarness({ handler });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await srv.close();
  });

  it('stores every field within its bound: cut on a word with an ellipsis, an over-long URL refused', async () => {
    const articles = await store.listArticles();
    expect(articles).toHaveLength(20);
    for (const a of articles) {
      expect(a.title.length).toBeLessThanOrEqual(FIELD_LIMITS.title);
      expect(a.text.length).toBeLessThanOrEqual(FIELD_LIMITS.text);
      expect(a.description?.length ?? 0).toBeLessThanOrEqual(FIELD_LIMITS.description);
      expect(a.byline?.length ?? 0).toBeLessThanOrEqual(FIELD_LIMITS.byline);
      expect(a.source.length).toBeLessThanOrEqual(FIELD_LIMITS.source);
      expect(a.url?.length ?? 0).toBeLessThanOrEqual(FIELD_LIMITS.url);
    }
    const giant = articles.find((a) => a.title.startsWith('Tram giant'));
    expect(giant?.title).toMatch(/ giant…$/);
    expect(articles.filter((a) => a.url === null)).toHaveLength(1); // the 3,000-character link
    const [feed] = await store.listFeeds();
    expect(feed?.title?.length).toBeLessThanOrEqual(FIELD_LIMITS.feedTitle);
  });

  it('answers /latest 20 and /search tram in at most 3 messages each', async () => {
    for (const text of ['/latest 20', '/search tram']) {
      const before = h.fake.sent.length;
      const id = h.fake.sendCommand({ chat: PRIVATE, from: ALICE, text });
      // Confirmed once the batch's handlers have finished, its replies queued; then wait until they are all out.
      await h.fake.waitForConfirmed(id, 30_000);
      await h.bot.idle();
      const reply = h.fake.sent.slice(before);
      expect(reply.length, text).toBeGreaterThan(0);
      expect(reply.length, text).toBeLessThanOrEqual(3);
      expect(reply.every((m) => m.text.length <= 4096)).toBe(true);
    }
  });
});
