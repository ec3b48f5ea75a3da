import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed, FeedError } from '../../src/ingest/feed-parse.js';
import { addFeed, DISABLE_AFTER, fetchDueFeeds, fetchFeed, listFeeds, maxAgeMinutes, removeFeed } from '../../src/ingest/feeds.js';
import type { Fetcher } from '../../src/ingest/feeds.js';
import { fetchUrl } from '../../src/ingest/fetch.js';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { startServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const BODY = 'The council met on Tuesday to approve the new budget for the harbour district. The plan includes new housing, a school and a tram stop, and will be paid for by a mix of grants and borrowing over ten years.';

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour News</title><link>https://harbour.example/</link><ttl>60</ttl>${items}</channel></rss>`;
const rssItem = (n: number, date: string, content = `<p>${BODY} Item ${n}.</p>`) => `<item><title>Story ${n}</title><link>/story/${n}?utm_source=rss</link><guid isPermaLink="false">s${n}</guid><pubDate>${date}</pubDate><dc:creator>Reporter ${n}</dc:creator><description>Teaser ${n}</description><content:encoded><![CDATA[${content}]]></content:encoded></item>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, relative links and ttl', () => {
    const f = parseFeed(rss(rssItem(1, 'Sat, 28 Nov 2026 10:00:00 GMT')), { url: 'https://harbour.example/feed' });
    expect(f).toMatchObject({ format: 'rss', title: 'Harbour News', ttlMinutes: 60 });
    expect(f.items[0]).toMatchObject({ guid: 's1', url: 'https://harbour.example/story/1?utm_source=rss', title: 'Story 1', author: 'Reporter 1', published: '2026-11-28T10:00:00.000Z', summary: 'Teaser 1' });
    expect(f.items[0]!.html).toContain(BODY);
  });

  it('reads RSS 1.0 / RDF', () => {
    const f = parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>RDF News</title><link>https://r.example/</link></channel><item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><description>${BODY}</description><dc:date>2026-11-28T09:00:00Z</dc:date></item></rdf:RDF>`);
    expect(f.format).toBe('rdf');
    expect(f.items[0]).toMatchObject({ url: 'https://r.example/1', title: 'One', published: '2026-11-28T09:00:00.000Z' });
  });

  it('reads Atom with html content and alternate links', () => {
    const f = parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><link rel="alternate" href="https://a.example/"/><entry><title type="text">Entry</title><link rel="alternate" href="/e/1"/><id>tag:a,1</id><published>2026-11-28T08:00:00Z</published><author><name>Ann</name></author><content type="html">&lt;p&gt;${BODY}&lt;/p&gt;</content></entry></feed>`);
    expect(f.format).toBe('atom');
    expect(f.items[0]).toMatchObject({ url: 'https://a.example/e/1', title: 'Entry', author: 'Ann', published: '2026-11-28T08:00:00.000Z' });
    expect(f.items[0]!.html).toContain('<p>');
  });

  it('reads JSON Feed', () => {
    const f = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON News', home_page_url: 'https://j.example/', items: [{ id: '1', url: 'https://j.example/1', title: 'J', content_text: BODY, date_published: '2026-11-28T07:00:00Z', authors: [{ name: 'Jo' }] }] }));
    expect(f.format).toBe('json');
    expect(f.items[0]).toMatchObject({ url: 'https://j.example/1', author: 'Jo', published: '2026-11-28T07:00:00.000Z' });
  });

  it('refuses broken and hostile documents with one-line errors', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['<html><body>Not a feed</body></html>', /not a feed/],
      ['{"hello": "world"}', /not a feed/],
      ['just text', /neither XML nor JSON/],
      [`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`, /entities/],
      [`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>`, /entities/],
      [`<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss><channel><title>x</title></channel></rss>`, /external DTD/],
    ];
    for (const [body, re] of cases) {
      let err: unknown;
      try {
        parseFeed(body);
      } catch (e) {
        err = e;
      }
      expect(err, body.slice(0, 40)).toBeInstanceOf(FeedError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('refuses a truncated feed or reads what is there, never throwing anything but FeedError', () => {
    try {
      const f = parseFeed(rss(rssItem(1, 'Sat, 28 Nov 2026 10:00:00 GMT')).slice(0, 200));
      expect(Array.isArray(f.items)).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(FeedError);
    }
  });

  it('refuses a billion-laughs document fast', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const t = performance.now();
    expect(() => parseFeed(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "ha">${levels}]><rss><channel><title>&l10;</title></channel></rss>`)).toThrow(FeedError);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('feed service', () => {
  let srv: TestServer;
  let feedBody = '';
  const fetcher: Fetcher = (url, opts) => fetchUrl(url, { ...opts, allowPrivate: true });
  const deps = (now = NOW) => ({ now, fetcher, extractHtml, fetchTeasers: true, pollMinutes: 15 });

  beforeAll(async () => {
    srv = await startServer({
      '/feed.xml': (q, r) => {
        if (q.headers['if-none-match'] === '"same"') return void r.writeHead(304).end();
        r.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"same"' }).end(feedBody);
      },
      '/page/1': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Full story</title></head><body><article><h1>Full story</h1><p>${BODY}</p><p>${BODY.replace('council', 'mayor')}</p><p>A second long paragraph says more about the harbour district and its future, with quotes from residents.</p></article></body></html>`),
      '/notfeed': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
    });
  });
  afterAll(() => srv.close());

  it('adds a feed after checking it, refuses duplicates and non-feeds, lists and removes', async () => {
    const store = createMemoryStore();
    feedBody = rss(rssItem(1, 'Sat, 28 Nov 2026 11:30:00 GMT'));
    const added = await addFeed(store, `${srv.url}/feed.xml`, { scope: 'telegram:1', now: NOW, fetcher });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.feed).toMatchObject({ title: 'Harbour News', scope: 'telegram:1', failures: 0 });
    expect((await addFeed(store, `${srv.url}/feed.xml`, { scope: 'telegram:1', now: NOW, fetcher })).ok).toBe(false);
    const bad = await addFeed(store, `${srv.url}/notfeed`, { scope: 'telegram:1', now: NOW, fetcher });
    expect(bad.ok === false && bad.reason).toMatch(/not a feed/);
    expect((await addFeed(store, `${srv.url}/other.xml`, { scope: 'telegram:1', now: NOW, fetcher, maxPerScope: 1 })).ok).toBe(false);
    expect(await listFeeds(store, 'telegram:2')).toHaveLength(0);
    expect(await removeFeed(store, added.feed.id, 'telegram:2')).toBe(false);
    expect(await removeFeed(store, added.feed.id, 'telegram:1')).toBe(true);
  });

  it('stores items as articles once, uses conditional GET, and marks old items of a first fetch as backfill', async () => {
    const store = createMemoryStore();
    feedBody = rss(rssItem(1, 'Sat, 28 Nov 2026 11:30:00 GMT') + rssItem(2, 'Mon, 23 Nov 2026 10:00:00 GMT'));
    const r = await addFeed(store, `${srv.url}/feed.xml`, { scope: 'global', now: NOW, fetcher });
    if (!r.ok) throw new Error(r.reason);
    const first = await fetchFeed(store, r.feed, deps());
    expect(first).toMatchObject({ added: 2, duplicates: 0, failed: 0, notModified: false });
    const arts = await store.listArticles();
    const fresh = arts.find((a) => a.title === 'Story 1')!;
    const old = arts.find((a) => a.title === 'Story 2')!;
    expect(fresh.backfill).toBeUndefined();
    expect(old.backfill).toBe(true);
    expect(fresh).toMatchObject({ url: "https://harbour.example/story/1", byline: 'Reporter 1', source: 'Harbour News', feedId: r.feed.id });
    const feed = (await store.getFeed(r.feed.id))!;
    expect(feed).toMatchObject({ etag: '"same"', ttlMinutes: 60, failures: 0 });
    expect(feed.nextFetchAt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    const second = await fetchFeed(store, feed, deps(new Date(NOW.getTime() + 3_600_000)));
    expect(second.notModified).toBe(true);
    expect(await store.countArticles()).toBe(2);
  });

  it('polls a feed no more often than its Cache-Control max-age asks', async () => {
    const store = createMemoryStore();
    srv.route('/cached.xml', (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'public, max-age=7200' }).end(rss('').replace('<ttl>60</ttl>', '')));
    const r = await addFeed(store, `${srv.url}/cached.xml`, { scope: 'global', now: NOW, fetcher });
    if (!r.ok) throw new Error(r.reason);
    await fetchFeed(store, r.feed, deps());
    const feed = (await store.getFeed(r.feed.id))!;
    expect(feed.ttlMinutes).toBe(120);
    expect(feed.nextFetchAt).toBe(new Date(NOW.getTime() + 120 * 60_000).toISOString());
    expect(maxAgeMinutes('no-cache')).toBeNull();
    expect(maxAgeMinutes('max-age=30')).toBe(1);
  });

  it('fetches the linked page when an item is only a teaser', async () => {
    const store = createMemoryStore();
    feedBody = rss(`<item><title>Teaser item</title><link>${srv.url}/page/1</link><pubDate>Sat, 28 Nov 2026 11:50:00 GMT</pubDate><description>Short teaser… Read more</description></item>`);
    const r = await addFeed(store, `${srv.url}/feed.xml`, { scope: 'global', now: NOW, fetcher });
    if (!r.ok) throw new Error(r.reason);
    await fetchFeed(store, { ...r.feed, etag: null }, deps());
    const [a] = await store.listArticles();
    expect(a?.text).toContain('harbour district and its future');
    expect(srv.requests.some((q) => q.path === '/page/1')).toBe(true);
  });

  it('records failures with backoff, disables after ten in a row, and other feeds go on', async () => {
    const store = createMemoryStore();
    feedBody = rss(rssItem(1, 'Sat, 28 Nov 2026 11:30:00 GMT'));
    const good = await addFeed(store, `${srv.url}/feed.xml`, { scope: 'global', now: NOW, fetcher });
    if (!good.ok) throw new Error(good.reason);
    await store.putFeed({ ...good.feed, id: 'broken01', url: `${srv.url}/missing.xml` });
    let now = NOW;
    let results = await fetchDueFeeds(store, deps(now), true);
    expect(results.find((x) => x.feedId === good.feed.id)?.added).toBe(1);
    const broken = results.find((x) => x.feedId === 'broken01');
    expect(broken?.error).toMatch(/404/);
    let b = (await store.getFeed('broken01'))!;
    expect(b.failures).toBe(1);
    expect(Date.parse(b.nextFetchAt!) - now.getTime()).toBe(30 * 60_000);
    for (let i = 2; i <= DISABLE_AFTER; i++) {
      now = new Date(now.getTime() + 86_400_000);
      results = await fetchDueFeeds(store, deps(now));
    }
    b = (await store.getFeed('broken01'))!;
    expect(b.failures).toBe(DISABLE_AFTER);
    expect(b.disabled).toBe(true);
    expect(b.lastError).toMatch(/disabled after 10 failures/);
    const after = await fetchDueFeeds(store, deps(new Date(now.getTime() + 86_400_000)), true);
    expect(after.map((x) => x.feedId)).not.toContain('broken01');
  });
});
