import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractCommand } from '../../src/cli/pages.js';
import { ingestInputs } from '../../src/ingest/ingest.js';
import { fetchFeed } from '../../src/ingest/feeds.js';
import type { Fetcher } from '../../src/ingest/feeds.js';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { openStore } from '../../src/store/lowdb-store.js';
import type { Feed } from '../../src/model.js';
import { jsonLines, runCli } from '../cli/run-cli.js';
import { BODY, BODY2, RSS2 } from './feed-fixtures.js';
import { ATOM_TYPES, JSON_LANG } from './feed-edge-fixtures.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const KEYS = ['source', 'feed', 'feedUrl', 'title', 'text', 'description', 'byline', 'published', 'url', 'language'];
const fetcher: Fetcher = () => Promise.reject(new Error('no network in this test'));

/** RSS whose items carry year-0 and far-future dates, the kind retention used to delete. */
const BAD_DATES = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bad Dates</title><link>https://bad-dates.example/</link>
<item><title>Year zero RFC</title><link>https://bad-dates.example/1</link><pubDate>Sat, 01 Jan 0 00:00:00 GMT</pubDate><description>${BODY}</description></item>
<item><title>Year zero ISO</title><link>https://bad-dates.example/2</link><pubDate>0000-01-01T00:00:00Z</pubDate><description>${BODY2}</description></item>
<item><title>Far future</title><link>https://bad-dates.example/3</link><pubDate>Sun, 01 Jan 2090 00:00:00 GMT</pubDate><description>${BODY} Again.</description></item>
</channel></rss>`;

const CP850 = `<?xml version="1.0" encoding="IBM850"?><rss version="2.0"><channel><title>Größe Zeitung</title><link>https://dos.example/</link><language>de</language>
<item><title>Über die Brücke</title><link>https://dos.example/1</link><pubDate>Wed, 02 Dec 2026 10:00:00 MET</pubDate><description>Die Brücke über den Fluß wird gebaut. Der Stadtrat hat am Dienstag den neuen Haushalt für den Hafen beschlossen, und die Arbeiten sollen im nächsten Frühjahr beginnen. Anwohner äußerten sich besorgt über den Verkehr auf der Küstenstraße.</description></item></channel></rss>`;

/** Captures what a CLI command prints, in-process. */
async function captured(run: () => Promise<number>): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await run();
    return { code, lines: jsonLines(out) };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

describe('feed files as input', () => {
  let dir: string;
  let feeds: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-feedfiles-'));
    feeds = join(dir, 'feeds');
    mkdirSync(feeds);
    writeFileSync(join(feeds, 'a-harbour.rss'), RSS2);
    writeFileSync(join(feeds, 'b-typed.atom'), ATOM_TYPES);
    writeFileSync(join(feeds, 'c-lang.json'), JSON_LANG);
    writeFileSync(join(feeds, 'd-dos.xml'), iconv.encode(CP850, 'cp850'));
    writeFileSync(join(feeds, 'e-utf16.rdf'), iconv.encode(`<?xml version="1.0" encoding="UTF-16"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>Sixteen</title></channel><item><title>Wide “item”</title><link>https://wide.example/1</link><description>${BODY2}</description></item></rdf:RDF>`, 'utf-16le', { addBOM: false }));
    writeFileSync(join(feeds, 'f-empty.xml'), '<rss version="2.0"><channel><title>Nothing yet</title><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://empty.example/feed.xml"/></channel></rss>');
    writeFileSync(join(feeds, 'g-broken.xml'), '<?xml version="1.0"?><note>not a feed</note>');
    writeFileSync(join(feeds, 'h-article.json'), JSON.stringify({ title: 'Plain article file', text: BODY }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it('extract --json prints one line per item with the feed fields, items:0 for an empty feed, and an error for a non-feed', async () => {
    const { code, lines } = await captured(() => extractCommand([feeds], { json: true, now: NOW, fetcher }));
    expect(code).toBe(1);
    const items = lines.filter((l) => 'feed' in l && !('items' in l));
    for (const l of items) expect(Object.keys(l)).toEqual(KEYS);
    const by = (title: string): Record<string, unknown> | undefined => items.find((l) => l.title === title);
    expect(by('Council approves harbour budget')).toMatchObject({
      feed: 'Harbour & Coast News', feedUrl: 'https://harbour.example/feed.xml', byline: 'Ann Reporter', published: '2026-11-28T10:00:00.000Z',
      url: 'https://harbour.example/story/1', description: 'Teaser about the budget.',
    });
    expect(String(by('Council approves harbour budget')?.source)).toMatch(/a-harbour\.rss#0$/);
    // Atom html / xhtml / MIME-typed titles and content come out as clean text.
    for (const t of ['Bold & more', 'Inline & xhtml', 'MIME html title', 'MIME xhtml']) {
      const l = by(t);
      expect(l).toBeDefined();
      expect(`${String(l?.title)} ${String(l?.text)}`).not.toMatch(/<\/?[a-z]+[\s/>]|&[#a-z0-9]+;/i);
    }
    expect(by('MIME xhtml')?.text).toBe('Four mime xhtml.');
    // Declared languages reach the item (kept by the detector when the text agrees).
    expect(by('Über die Brücke')).toMatchObject({ feed: 'Größe Zeitung', published: '2026-12-02T09:00:00.000Z', language: 'de' });
    expect(String(by('Über die Brücke')?.text)).toContain('Die Brücke über den Fluß');
    expect(by('Wide “item”')).toMatchObject({ feed: 'Sixteen', url: 'https://wide.example/1' });
    expect(by('Eins')).toMatchObject({ feed: 'Sprachen', feedUrl: null });
    expect(lines.find((l) => 'items' in l)).toEqual({ source: join(feeds, 'f-empty.xml'), feed: 'Nothing yet', feedUrl: 'https://empty.example/feed.xml', items: 0 });
    expect(lines.find((l) => String(l.source).endsWith('g-broken.xml'))).toEqual({ source: join(feeds, 'g-broken.xml'), error: 'not a feed: no RSS, Atom, RDF or JSON Feed found' });
    // A .json file that is not a JSON Feed is still an article file.
    expect(lines.find((l) => String(l.source).endsWith('h-article.json'))).toMatchObject({ title: 'Plain article file' });
    expect(lines.find((l) => String(l.source).endsWith('h-article.json'))).not.toHaveProperty('feed');
  });

  it('runs the same through the real CLI', async () => {
    const r = await runCli(['extract', join(feeds, 'a-harbour.rss'), join(feeds, 'f-empty.xml'), '--json']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.feed)).toEqual(['Harbour & Coast News', 'Harbour & Coast News', 'Nothing yet']);
    expect(lines[2]).toMatchObject({ items: 0 });
  }, 150_000);

  it('ingest stores feed file items as articles and reports duplicates the second time', async () => {
    const store = await openStore(join(dir, 'db-ingest'), { now: () => NOW });
    try {
      const first = await ingestInputs(store, [join(feeds, 'a-harbour.rss'), join(feeds, 'c-lang.json'), join(feeds, 'f-empty.xml')], { now: NOW, fetcher });
      expect(first).toEqual({ added: 4, duplicates: 0, failed: 0 });
      const again = await ingestInputs(store, [join(feeds, 'a-harbour.rss')], { now: NOW, fetcher });
      expect(again).toEqual({ added: 0, duplicates: 2, failed: 0 });
      const stored = await store.listArticles();
      expect(stored.map((a) => a.source).sort()).toEqual(['Harbour & Coast News', 'Harbour & Coast News', 'Sprachen', 'Sprachen']);
    } finally {
      await store.close();
    }
  });
});

describe('the date rule through the real ingest paths', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-baddates-'));
    writeFileSync(join(dir, 'bad-dates.rss'), BAD_DATES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores year-0 and far-future feed items (file ingest) with published null, and retention keeps them', async () => {
    const store = await openStore(join(dir, 'db-file'), { now: () => NOW });
    try {
      expect(await ingestInputs(store, [join(dir, 'bad-dates.rss')], { now: NOW, fetcher })).toMatchObject({ added: 3 });
      const stored = await store.listArticles();
      expect(stored.map((a) => [a.title, a.published, a.fetchedAt]).sort()).toEqual([
        ['Far future', null, NOW.toISOString()], ['Year zero ISO', null, NOW.toISOString()], ['Year zero RFC', null, NOW.toISOString()],
      ]);
      expect(await store.prune(new Date(NOW.getTime() + 86_400_000), 30)).toBe(0);
      expect(await store.listArticles()).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it('does the same for a fetched feed (fetchFeed), so a month later only the retention window decides', async () => {
    const store = await openStore(join(dir, 'db-fetch'), { now: () => NOW });
    const feed: Feed = {
      id: 'baddates', url: 'https://bad-dates.example/feed.xml', title: null, scope: 'global', createdAt: NOW.toISOString(), etag: null, lastModified: null,
      lastFetchedAt: null, lastOkAt: NOW.toISOString(), failures: 0, lastError: null, disabled: false, ttlMinutes: null, nextFetchAt: null, itemCount: 0,
    };
    const body = Buffer.from(BAD_DATES);
    const served: Fetcher = (url) => Promise.resolve({ status: 200, url, contentType: 'application/rss+xml', charset: null, body, etag: null, lastModified: null, headers: {}, text: () => body.toString() });
    try {
      expect(await fetchFeed(store, feed, { now: NOW, fetcher: served, extractHtml, fetchTeasers: false })).toMatchObject({ added: 3, failed: 0 });
      expect((await store.listArticles()).every((a) => a.published === null)).toBe(true);
      expect(await store.prune(new Date(NOW.getTime() + 5 * 86_400_000), 30)).toBe(0);
      expect(await store.prune(new Date(NOW.getTime() + 40 * 86_400_000), 30)).toBe(3);
    } finally {
      await store.close();
    }
  });
});
