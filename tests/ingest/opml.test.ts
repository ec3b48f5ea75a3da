/** OPML import/export: hostile files refused before parsing; each feed added as by /feeds add. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFetcher } from '../../src/app.js';
import { exportOpml, importOpml, importSummary, OPML_LIMITS, readOpml, type OpmlRead } from '../../src/ingest/opml.js';
import { english } from '../../src/i18n/i18n.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { startServer, type TestServer } from '../helpers/http-server.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a1</link><description>The bridge reopened.</description></item></channel></rss>`;
const opml = (outlines: string) => `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Reader export</title></head><body>${outlines}</body></opml>`;

/** A refused read's reason as the CLI words it (null when the file was read). */
const refusal = (r: OpmlRead): string | null => (r.ok ? null : english.say(r.reason));

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({
    '/a.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire A')),
    '/b.xml': (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire B')),
    '/page.html': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>not a feed</p></body></html>'),
  });
});
afterAll(() => srv.close());

describe('readOpml', () => {
  it('given nested folders, lists every feed once with its title', () => {
    const r = readOpml(opml(`<outline text="News"><outline text="A" title="Wire A" type="rss" xmlUrl="https://a.example/rss"/><outline text="A again" xmlUrl="https://a.example/rss"/></outline><outline text="Folder only"/><outline text="B" xmlUrl="https://b.example/feed"/>`));
    expect(r).toEqual({ ok: true, entries: [{ url: 'https://a.example/rss', title: 'Wire A' }, { url: 'https://b.example/feed', title: 'B' }] });
  });

  it('refuses entities, external DTDs, 100,000 outlines, oversized files and non-OPML, each with a clear line', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${opml('<outline text="&b;" xmlUrl="https://a.example/rss"/>')}`;
    expect(refusal(readOpml(laughs))).toMatch(/^Refused: the OPML file declares XML entities/);
    expect(refusal(readOpml(`<?xml version="1.0"?><!DOCTYPE opml SYSTEM "file:///etc/passwd">${opml('')}`))).toMatch(/external DTD/);
    const huge = opml('<outline text="x" xmlUrl="https://a.example/rss"/>'.repeat(100_000));
    expect(huge.length).toBeGreaterThan(OPML_LIMITS.bytes);
    expect(refusal(readOpml(huge))).toMatch(/over 1 MB/);
    const many = opml('<outline xmlUrl="https://a.example/rss"/>'.repeat(1_001));
    expect(many.length).toBeLessThan(OPML_LIMITS.bytes);
    expect(refusal(readOpml(many))).toMatch(/over 1,000 outlines/);
    expect(refusal(readOpml('just text'))).toMatch(/not OPML/);
    expect(readOpml('just text')).toEqual({ ok: false, reason: { key: 'opml.notOpml' } });
    expect(refusal(readOpml(opml('<outline text="no feeds here"/>')))).toMatch(/lists no feeds/);
  });
});

describe('importOpml', () => {
  it('adds good feeds, reports duplicates, refuses pages and (without the local-use switch) private addresses', async () => {
    const store = createMemoryStore();
    const file = opml(`<outline text="A" xmlUrl="${srv.url}/a.xml"/><outline text="P" xmlUrl="${srv.url}/page.html"/><outline text="B" xmlUrl="${srv.url}/b.xml"/><outline text="bad" xmlUrl="ftp://x.example/feed"/>`);
    const read = readOpml(file);
    if (!read.ok) throw new Error(english.say(read.reason));
    const first = await importOpml(store, read.entries, { scope: 'telegram:1', now: NOW, fetcher: makeFetcher({ allowPrivateUrls: true }) });
    expect(first.added.map((f) => f.title)).toEqual(['Wire A', 'Wire B']);
    expect(first.refused.map((r) => [r.url.split('/').pop(), english.say(r.reason)])).toEqual([
      ['page.html', expect.stringMatching(/Could not add the feed: .*(not a feed|web page)/)],
      ['feed', expect.stringMatching(/not an http\(s\) URL/)],
    ]);
    expect(importSummary(first)).toBe('2 added, 0 duplicate, 2 refused');
    const again = await importOpml(store, read.entries.slice(0, 1), { scope: 'telegram:1', now: NOW, fetcher: makeFetcher({ allowPrivateUrls: true }) });
    expect(importSummary(again)).toBe('0 added, 1 duplicate, 0 refused');
    const guarded = await importOpml(store, read.entries.slice(0, 1), { scope: 'telegram:2', now: NOW, fetcher: makeFetcher({ allowPrivateUrls: false }) });
    expect(english.say(guarded.refused[0]!.reason)).toMatch(/private or local address/);
    expect((await store.listFeeds()).filter((f) => f.scope === 'telegram:2')).toEqual([]);
  });

  it('stops at the per-chat feed limit', async () => {
    const store = createMemoryStore();
    const entries = [{ url: `${srv.url}/a.xml`, title: null }, { url: `${srv.url}/b.xml`, title: null }];
    const r = await importOpml(store, entries, { scope: 's', now: NOW, fetcher: makeFetcher({ allowPrivateUrls: true }), maxPerScope: 1 });
    expect(importSummary(r)).toBe('1 added, 0 duplicate, 1 refused');
    expect(english.say(r.refused[0]!.reason)).toBe('At most 1 feed per chat; remove it first (/feeds remove <id>).');
  });
});

describe('exportOpml', () => {
  it('writes OPML 2.0 that reads back to the same feeds, escaping titles and URLs', () => {
    const feed = (url: string, title: string | null) => ({ id: url.slice(-4), url, title, scope: 'global' }) as Parameters<typeof exportOpml>[0][number];
    const out = exportOpml([feed('https://a.example/rss?x=1&y=2', 'A & B <news>'), feed('https://b.example/feed', null), feed('https://b.example/feed', 'again')], 'newsbot feeds', NOW);
    expect(out).toContain('<opml version="2.0">');
    expect(out).toContain('xmlUrl="https://a.example/rss?x=1&amp;y=2"');
    expect(readOpml(out)).toEqual({ ok: true, entries: [{ url: 'https://a.example/rss?x=1&y=2', title: 'A & B <news>' }, { url: 'https://b.example/feed', title: 'https://b.example/feed' }] });
  });
});
