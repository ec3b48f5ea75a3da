import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feed } from '../../src/model.js';
import { addFeed, DISABLE_AFTER, fetchDueFeeds, fetchFeed, listFeeds, maxAgeMinutes, removeFeed } from '../../src/ingest/feeds.js';
import type { FeedFetchDeps, Fetcher } from '../../src/ingest/feeds.js';
import { fetchUrl } from '../../src/ingest/fetch.js';
import { extractHtml } from '../../src/ingest/extract/html.js';
import type { Extracted } from '../../src/ingest/extract/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { english } from '../../src/i18n/i18n.js';
import type { Store } from '../../src/store/store.js';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';
import { BODY, BODY2 } from './feed-fixtures.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toUTCString();
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const rss = (items: string, extra = '<ttl>60</ttl>') => `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour News</title><link>https://harbour.example/</link>${extra}${items}</channel></rss>`;
const item = (n: number, date: string | null, content = `<p>${BODY} Item ${n}.</p>`) =>
  `<item><title>Story ${n}</title><link>/story/${n}?utm_source=rss</link><guid isPermaLink="false">s${n}</guid>${date ? `<pubDate>${date}</pubDate>` : ''}<dc:creator>Reporter ${n}</dc:creator><description>Teaser ${n}</description><content:encoded><![CDATA[${content}]]></content:encoded></item>`;
const teaser = (n: number, link: string) => `<item><title>Teaser ${n}</title><link>${link}</link><pubDate>${hoursAgo(0.5)}</pubDate><description>Short teaser ${n}… Read more</description></item>`;
const PAGE = `<html><head><title>Full story</title></head><body><article><h1>Full story</h1><p>${BODY}</p><p>${BODY2}</p><p>A third paragraph says more about the harbour district and its future, with quotes from residents.</p></article></body></html>`;

describe('feed service', () => {
  let srv: TestServer;
  let store: Store;
  const bodies = new Map<string, string>();
  const fetcher: Fetcher = (url, opts) => fetchUrl(url, { ...opts, allowPrivate: true });
  const deps = (now = NOW, o: Partial<FeedFetchDeps> = {}): FeedFetchDeps => ({ now, fetcher, extractHtml, fetchTeasers: true, pollMinutes: 15, ...o });
  const feedRoute = (path: string) => (q: { headers: Record<string, unknown> }, r: ServerResponse) => {
    const body = bodies.get(path) ?? '';
    const etag = `"${body.length}"`;
    if (q.headers['if-none-match'] === etag) return void r.writeHead(304).end();
    r.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  };
  async function add(path: string, scope = 'global'): Promise<Feed> {
    const r = await addFeed(store, `${srv.url}${path}`, { scope, now: NOW, fetcher });
    if (!r.ok) throw new Error(english.say(r.reason));
    return r.feed;
  }

  beforeAll(async () => {
    srv = await startServer({
      '/feed.xml': feedRoute('/feed.xml'),
      '/other.xml': feedRoute('/other.xml'),
      '/page/1': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
      '/page/broken': (_q, r) => void r.writeHead(500).end(),
      '/notfeed': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
      '/site': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>site</body></html>'),
      '/lastmod.xml': (q, r) => {
        const lm = 'Sat, 28 Nov 2026 09:00:00 GMT';
        if (q.headers['if-modified-since'] === lm) return void r.writeHead(304).end();
        r.writeHead(200, { 'content-type': 'text/xml', 'last-modified': lm }).end(rss(item(1, hoursAgo(1))));
      },
      '/cached.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'public, max-age=7200' }).end(rss('', '')),
    });
  });
  afterAll(() => srv.close());
  beforeEach(() => {
    store = createMemoryStore();
    bodies.set('/feed.xml', rss(item(1, hoursAgo(0.5))));
    bodies.set('/other.xml', rss(item(9, hoursAgo(0.5))).replace('Harbour News', 'Other News'));
  });

  describe('addFeed, listFeeds, removeFeed', () => {
    it('given a feed URL, checks it once and stores the feed with its title, due now', async () => {
      const r = await addFeed(store, `${srv.url}/feed.xml`, { scope: 'telegram:1', now: NOW, fetcher });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.feed).toMatchObject({ url: `${srv.url}/feed.xml`, title: 'Harbour News', scope: 'telegram:1', failures: 0, disabled: false, lastOkAt: null, ttlMinutes: 60, nextFetchAt: NOW.toISOString(), itemCount: 1 });
      expect(r.feed.id).toMatch(/^[0-9a-f]{8}$/);
      expect(await store.getFeed(r.feed.id)).toEqual(r.feed);
      // Stable: the same URL and scope give the same id; another scope another.
      const again = await addFeed(createMemoryStore(), `${srv.url}/feed.xml#x`, { scope: 'telegram:1', now: NOW, fetcher });
      expect(again.ok && again.feed.id).toBe(r.feed.id);
      const other = await addFeed(createMemoryStore(), `${srv.url}/feed.xml`, { scope: 'telegram:2', now: NOW, fetcher });
      expect(other.ok && other.feed.id).not.toBe(r.feed.id);
    });

    it('refuses bad URLs, duplicates in the scope, non-feeds and a full scope, with reasons', async () => {
      const bad = await addFeed(store, 'ftp://x.example/feed', { scope: 's', now: NOW, fetcher });
      expect(bad).toEqual({ ok: false, reason: { key: 'feeds.notUrl', values: { url: 'ftp://x.example/feed' } } });
      expect(bad.ok === false && english.say(bad.reason)).toBe('"ftp://x.example/feed" is not an http(s) URL.');
      const feed = await add('/feed.xml', 's');
      const dup = await addFeed(store, `${srv.url}/feed.xml?utm_source=x`, { scope: 's', now: NOW, fetcher });
      expect(dup.ok === false && dup.duplicate).toBe(true);
      expect(dup.ok === false && english.say(dup.reason)).toBe(`That feed is already added here (${feed.id}).`);
      expect((await addFeed(store, `${srv.url}/feed.xml`, { scope: 'elsewhere', now: NOW, fetcher })).ok).toBe(true);
      const notFeed = await addFeed(store, `${srv.url}/notfeed`, { scope: 's', now: NOW, fetcher });
      expect(notFeed.ok === false && english.say(notFeed.reason)).toBe('Could not add the feed: not a feed: this is a web page (HTML), not RSS, Atom or JSON Feed');
      const full = await addFeed(store, `${srv.url}/other.xml`, { scope: 's', now: NOW, fetcher, maxPerScope: 1 });
      expect(full.ok === false && english.say(full.reason)).toMatch(/At most 1 feed per chat/);
      const missing = await addFeed(store, `${srv.url}/missing.xml`, { scope: 's', now: NOW, fetcher });
      expect(missing.ok === false && english.say(missing.reason)).toBe('Could not add the feed: the server answered HTTP 404 Not Found');
    });

    it('given a web page that advertises its feed, adds the feed (and refuses it when already there)', async () => {
      const r = await addFeed(store, `${srv.url}/site`, { scope: 's', now: NOW, fetcher });
      expect(r.ok && r.feed.url).toBe(`${srv.url}/feed.xml`);
      const again = await addFeed(store, `${srv.url}/site`, { scope: 's', now: NOW, fetcher });
      expect(again.ok === false && english.say(again.reason)).toMatch(/already added/);
    });

    it('lists a scope with the global feeds, and removes only within the scope, by id or URL', async () => {
      const mine = await add('/feed.xml', 'discord:1');
      const global = await add('/other.xml', 'global');
      expect((await listFeeds(store, 'discord:1')).map((f) => f.id).sort()).toEqual([mine.id, global.id].sort());
      expect(await listFeeds(store, 'discord:2')).toEqual([global]);
      expect(await listFeeds(store)).toHaveLength(2);
      expect(await removeFeed(store, mine.id, 'discord:2')).toBe(false);
      expect(await removeFeed(store, `${srv.url}/feed.xml`, 'discord:1')).toBe(true);
      expect(await removeFeed(store, global.id, 'global')).toBe(true);
      expect(await listFeeds(store)).toEqual([]);
    });
  });

  describe('fetchFeed', () => {
    it('stores items as articles, marking old and undated items of a first fetch as backfill', async () => {
      bodies.set('/feed.xml', rss(item(1, hoursAgo(0.5)) + item(2, hoursAgo(5 * 24)) + item(3, null)));
      const feed = await add('/feed.xml');
      expect(await fetchFeed(store, feed, deps())).toEqual({ feedId: feed.id, added: 3, duplicates: 0, failed: 0, notModified: false });
      const byTitle = new Map((await store.listArticles()).map((a) => [a.title, a]));
      expect(byTitle.get('Story 1')).toMatchObject({ url: 'https://harbour.example/story/1', byline: 'Reporter 1', source: 'Harbour News', feedId: feed.id, fetchedAt: NOW.toISOString(), description: 'Teaser 1' });
      expect(byTitle.get('Story 1')!.text).toContain('harbour district');
      expect(byTitle.get('Story 1')!.backfill).toBeUndefined();
      expect(byTitle.get('Story 2')!.backfill).toBe(true);
      expect(byTitle.get('Story 3')!.backfill).toBe(true);
      const stored = (await store.getFeed(feed.id))!;
      expect(stored).toMatchObject({ etag: expect.any(String), ttlMinutes: 60, failures: 0, lastOkAt: NOW.toISOString(), lastFetchedAt: NOW.toISOString(), itemCount: 3 });
      expect(stored.nextFetchAt).toBe(later(60).toISOString());
    });

    it('after the first fetch, stores new items as news, counts known ones as duplicates without fetching their pages', async () => {
      bodies.set('/feed.xml', rss(teaser(1, `${srv.url}/page/1`)));
      const feed = await add('/feed.xml');
      await fetchFeed(store, feed, deps());
      const pages = srv.hits('/page/1');
      bodies.set('/feed.xml', rss(teaser(1, `${srv.url}/page/1`) + item(4, hoursAgo(48))));
      const second = await fetchFeed(store, (await store.getFeed(feed.id))!, deps(later(60)));
      expect(second).toMatchObject({ added: 1, duplicates: 1, notModified: false });
      expect(srv.hits('/page/1')).toBe(pages);
      expect((await store.listArticles()).find((a) => a.title === 'Story 4')!.backfill).toBeUndefined();
    });

    it('sends the stored ETag; on 304 reports notModified, stores nothing, and schedules the next poll', async () => {
      const feed = await add('/feed.xml');
      await fetchFeed(store, feed, deps());
      const count = await store.countArticles();
      const after = (await store.getFeed(feed.id))!;
      const r = await fetchFeed(store, after, deps(later(60)));
      expect(r).toEqual({ feedId: feed.id, added: 0, duplicates: 0, failed: 0, notModified: true });
      expect(srv.requests.at(-1)?.headers['if-none-match']).toBe(after.etag);
      expect(await store.countArticles()).toBe(count);
      expect((await store.getFeed(feed.id))).toMatchObject({ lastOkAt: later(60).toISOString(), nextFetchAt: later(120).toISOString(), ttlMinutes: 60 });
    });

    it('sends the stored Last-Modified; on 304 reports notModified', async () => {
      const feed = await add('/lastmod.xml');
      await fetchFeed(store, feed, deps());
      const after = (await store.getFeed(feed.id))!;
      expect(after.lastModified).toBe('Sat, 28 Nov 2026 09:00:00 GMT');
      expect((await fetchFeed(store, after, deps(later(60)))).notModified).toBe(true);
    });

    it('polls no more often than Cache-Control max-age asks when the feed has no ttl', async () => {
      const feed = await add('/cached.xml');
      await fetchFeed(store, feed, deps());
      expect(await store.getFeed(feed.id)).toMatchObject({ ttlMinutes: 120, nextFetchAt: later(120).toISOString() });
      expect(maxAgeMinutes('no-cache')).toBeNull();
      expect(maxAgeMinutes('max-age=30')).toBe(1);
    });

    it('given a teaser item, fetches the linked page and stores its full text', async () => {
      bodies.set('/feed.xml', rss(teaser(1, `${srv.url}/page/1`)));
      const feed = await add('/feed.xml');
      await fetchFeed(store, feed, deps());
      const [a] = await store.listArticles();
      expect(a).toMatchObject({ title: 'Teaser 1', url: `${srv.url}/page/1` });
      expect(a!.text).toContain('harbour district and its future');
    });

    it('given a teaser whose page fails, or teasers switched off, keeps the teaser text', async () => {
      bodies.set('/feed.xml', rss(teaser(1, `${srv.url}/page/broken`) + teaser(2, `${srv.url}/page/1`)));
      const feed = await add('/feed.xml');
      const before = srv.hits('/page/1');
      await fetchFeed(store, feed, deps(NOW, { fetchTeasers: false }));
      expect(srv.hits('/page/1')).toBe(before);
      expect((await store.listArticles()).map((a) => a.text).sort()).toEqual(['Short teaser 1… Read more', 'Short teaser 2… Read more']);
      const other = createMemoryStore();
      await fetchFeed(other, feed, deps());
      expect((await other.listArticles()).find((a) => a.title === 'Teaser 1')!.text).toBe('Short teaser 1… Read more');
    });

    it('fetches at most 20 teaser pages per feed fetch', async () => {
      bodies.set('/feed.xml', rss(Array.from({ length: 25 }, (_, i) => teaser(i, `${srv.url}/page/1?n=${i}`)).join('')));
      const feed = await add('/feed.xml');
      const before = srv.hits('/page/1');
      expect((await fetchFeed(store, feed, deps())).added).toBe(25);
      expect(srv.hits('/page/1') - before).toBe(20);
    });

    it('keeps the paragraphs of a plain-text description', async () => {
      bodies.set('/feed.xml', rss(`<item><title>Plain</title><link>https://p.example/1</link><pubDate>${hoursAgo(1)}</pubDate><description>${BODY}\n\n${BODY2}</description></item>`));
      await fetchFeed(store, await add('/feed.xml'), deps());
      expect((await store.listArticles())[0]!.text).toBe(`${BODY}\n\n${BODY2}`);
    });

    it('counts items that give no article as failed, and stores the rest', async () => {
      const fakeExtract = (html: string): Extracted => ({ title: null, text: html.includes('Item 2') ? '' : `${BODY} ${BODY2}`, description: null, byline: null, published: null, url: null, language: null });
      bodies.set('/feed.xml', rss(item(1, hoursAgo(1)) + item(2, hoursAgo(1))));
      const r = await fetchFeed(store, await add('/feed.xml'), deps(NOW, { extractHtml: fakeExtract }));
      expect(r).toMatchObject({ added: 1, failed: 1 });
    });
  });

  describe('failures', () => {
    it('backs off exponentially (capped at a day), disables after ten in a row, and never throws', async () => {
      const feed = { ...(await add('/feed.xml')), id: 'broken01', url: `${srv.url}/gone.xml` };
      await store.putFeed(feed);
      let now = NOW;
      const waits: number[] = [];
      for (let i = 1; i <= DISABLE_AFTER; i++) {
        const r = await fetchFeed(store, (await store.getFeed('broken01'))!, deps(now));
        expect(r.error).toBe('the server answered HTTP 404 Not Found');
        const f = (await store.getFeed('broken01'))!;
        expect(f.failures).toBe(i);
        waits.push((Date.parse(f.nextFetchAt!) - now.getTime()) / 60_000);
        now = new Date(Date.parse(f.nextFetchAt!));
      }
      expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440, 1440, 1440]);
      const f = (await store.getFeed('broken01'))!;
      expect(f.disabled).toBe(true);
      expect(f.lastError).toBe('the server answered HTTP 404 Not Found (disabled after 10 failures in a row; remove and add it again to retry)');
      expect((await fetchDueFeeds(store, deps(new Date(now.getTime() + 86_400_000)), true)).map((r) => r.feedId)).not.toContain('broken01');
    });

    it('resets the failure count on success', async () => {
      const feed = await add('/feed.xml');
      await store.putFeed({ ...feed, failures: 4, lastError: 'earlier' });
      await fetchFeed(store, (await store.getFeed(feed.id))!, deps());
      expect(await store.getFeed(feed.id)).toMatchObject({ failures: 0, lastError: null, disabled: false });
    });

    it('given a feed that now serves garbage or a fetcher that throws anything, records the failure', async () => {
      const feed = await add('/feed.xml');
      bodies.set('/feed.xml', 'garbage');
      expect((await fetchFeed(store, feed, deps())).error).toMatch(/^not a feed/);
      const weird: Fetcher = () => Promise.reject(new TypeError('boom\nwith a second line'));
      const r = await fetchFeed(store, (await store.getFeed(feed.id))!, deps(NOW, { fetcher: weird }));
      expect(r.error).toBe('boom');
      expect((await store.getFeed(feed.id))!.failures).toBe(2);
    });
  });

  describe('fetchDueFeeds', () => {
    it('fetches due feeds only, and a broken feed does not stop the others', async () => {
      const good = await add('/feed.xml');
      const other = await add('/other.xml');
      await store.putFeed({ ...good, id: 'broken01', url: `${srv.url}/gone.xml` });
      await store.putFeed({ ...other, nextFetchAt: later(30).toISOString() });
      const results = await fetchDueFeeds(store, deps());
      expect(results.map((r) => r.feedId).sort()).toEqual(['broken01', good.id].sort());
      expect(results.find((r) => r.feedId === good.id)).toMatchObject({ added: 1 });
      expect(results.find((r) => r.feedId === 'broken01')!.error).toMatch(/404/);
      const all = await fetchDueFeeds(store, deps(), true);
      expect(all.find((r) => r.feedId === other.id)).toMatchObject({ added: 1 });
    });

    it('fetches a few feeds at a time, never more than the concurrency', async () => {
      for (let i = 0; i < 6; i++) await store.putFeed({ ...(await add('/feed.xml', `scope${i}`)) });
      let inFlight = 0;
      let most = 0;
      const counting: Fetcher = async (url, opts) => {
        most = Math.max(most, ++inFlight);
        try {
          return await fetcher(url, opts);
        } finally {
          inFlight--;
        }
      };
      const results = await fetchDueFeeds(store, { ...deps(NOW, { fetcher: counting, fetchTeasers: false }), concurrency: 3 });
      expect(results).toHaveLength(6);
      expect(results.map((r) => r.feedId)).toEqual((await store.listFeeds()).map((f) => f.id));
      expect(most).toBe(3);
    });

    it('given a store that fails underneath one feed, still returns a result for every feed', async () => {
      await add('/feed.xml');
      await add('/other.xml');
      const flaky: Store = { ...store, putFeed: () => Promise.reject(new Error('disk full')), listFeeds: () => store.listFeeds() };
      const results = await fetchDueFeeds(flaky, deps());
      expect(results).toHaveLength(2);
      expect(results.every((r) => r.error === 'disk full')).toBe(true);
    });
  });
});
