import { describe, expect, it } from 'vitest';
import { discoverFeedUrl } from '../../src/ingest/feed-discover.js';
import { FeedError, MAX_FEED_ITEMS, parseFeed } from '../../src/ingest/feed-parse.js';
import { ATOM, BODY, BODY2, BROKEN, JSON_FEED, JSON_FEED_V1, RDF, RSS091, RSS2 } from './feed-fixtures.js';

function refusal(body: string): FeedError {
  try {
    parseFeed(body);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedError);
    expect((err as Error).message).not.toContain('\n');
    return err as FeedError;
  }
  throw new Error('expected a FeedError');
}

describe('parseFeed', () => {
  it('given RSS 2.0, reads title, ttl, content:encoded, authors, dates and resolves relative links', () => {
    const f = parseFeed(RSS2, { url: 'https://harbour.example/feed.xml' });
    expect(f).toMatchObject({ format: 'rss', title: 'Harbour & Coast News', link: 'https://harbour.example/', ttlMinutes: 60 });
    expect(f.items).toHaveLength(2);
    expect(f.items[0]).toMatchObject({
      guid: 'story-1', url: 'https://harbour.example/story/1?utm_source=rss', title: 'Council approves harbour budget',
      published: '2026-11-28T10:00:00.000Z', author: 'Ann Reporter', summary: 'Teaser about the budget.',
    });
    expect(f.items[0]!.html).toBe(`<p>${BODY}</p><p>${BODY2}</p>`);
    // A permalink guid is the link; <author> "email (Name)" gives the name; HTML in description stays HTML.
    expect(f.items[1]).toMatchObject({ url: 'https://harbour.example/story/2', author: 'News Desk', published: '2026-11-27T08:30:00.000Z', html: null });
    expect(f.items[1]!.summary).toBe('<p>The winter timetable starts <b>Monday</b>.</p>');
  });

  it('given RSS 0.91 with the Netscape DTD, reads it (a known public id, never fetched)', () => {
    const f = parseFeed(RSS091);
    expect(f).toMatchObject({ format: 'rss', title: 'Old Wire' });
    expect(f.items[0]).toMatchObject({ url: 'http://old.example/1', summary: 'An old-style feed item.' });
  });

  it('given RSS 1.0 / RDF, reads items with dc:date and dc:creator', () => {
    const f = parseFeed(RDF);
    expect(f).toMatchObject({ format: 'rdf', title: 'RDF Times', link: 'https://rdf.example/' });
    expect(f.items[0]).toMatchObject({ guid: 'https://rdf.example/1', url: 'https://rdf.example/1', title: 'One', author: 'Rita', published: '2026-11-28T09:00:00.000Z', summary: BODY });
  });

  it('given Atom, reads html, xhtml and text content, alternate links, and the feed author as a fallback', () => {
    const f = parseFeed(ATOM, { url: 'https://atom.example/feed.atom' });
    expect(f).toMatchObject({ format: 'atom', title: 'Atom & Co', link: 'https://atom.example/', ttlMinutes: null });
    const [html, xhtml, text] = f.items;
    expect(html).toMatchObject({ guid: 'tag:atom.example,2026:1', url: 'https://atom.example/e/1', author: 'Ann', published: '2026-11-28T08:00:00.000Z', summary: 'Short summary.', html: `<p>${BODY}</p>` });
    expect(xhtml).toMatchObject({ url: 'https://atom.example/e/2', author: 'Feed Author', published: '2026-11-27T08:00:00.000Z' });
    expect(xhtml!.html).toContain('<b>world</b>');
    expect(text!.html).toBe('<p>First para with a &lt; sign.</p><p>Second para.</p>');
  });

  it('given JSON Feed 1.1 and 1.0, reads html and text content, external URLs and authors', () => {
    const f = parseFeed(JSON_FEED, { url: 'https://json.example/feed.json' });
    expect(f).toMatchObject({ format: 'json', title: 'JSON Gazette', link: 'https://json.example/' });
    expect(f.items[0]).toMatchObject({ guid: '1', url: 'https://json.example/a/1', author: 'Jo', summary: 'The summary.', html: `<p>${BODY}</p>`, published: '2026-11-28T07:00:00.000Z' });
    expect(f.items[1]).toMatchObject({ url: 'https://elsewhere.example/x', author: 'Gazette Staff', html: `<p>${BODY}</p><p>${BODY2}</p>`, summary: null });
    expect(parseFeed(JSON_FEED_V1).items[0]).toMatchObject({ guid: '7', author: 'Solo' });
  });

  it('given a byte-order mark and leading whitespace, still reads the feed', () => {
    expect(parseFeed(`\ufeff\n  ${RDF}`).format).toBe('rdf');
  });

  it('drops links that are not http(s)', () => {
    const f = parseFeed(RSS2.replace('/story/1?utm_source=rss', 'javascript:alert(1)'));
    expect(f.items[0]!.url).toBeNull();
  });

  it('keeps at most MAX_FEED_ITEMS items', () => {
    const items = Array.from({ length: MAX_FEED_ITEMS + 20 }, (_, i) => `<item><title>T${i}</title><link>https://m.example/${i}</link></item>`).join('');
    expect(parseFeed(`<rss version="2.0"><channel><title>Many</title>${items}</channel></rss>`).items).toHaveLength(MAX_FEED_ITEMS);
  });

  for (const c of BROKEN) {
    it(`given ${c.name}, throws a one-line FeedError`, () => {
      expect(refusal(c.body).message).toMatch(c.message);
    });
  }

  it('does not mistake entity-like text inside CDATA or comments for declarations', () => {
    const f = parseFeed(RSS2.replace(`<p>${BODY}</p>`, '<p>Write <!ENTITY x "y"> and <!DOCTYPE a SYSTEM "b"> in your DTD.</p>').replace('<ttl>', '<!-- <!ENTITY no "no"> --><ttl>'));
    expect(f.items[0]!.html).toContain('<!ENTITY x "y">');
  });
});

describe('discoverFeedUrl', () => {
  it('given a page advertising feeds, returns the RSS one, absolute', () => {
    const html = '<html><head><link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/atom+xml" href="/atom.xml"><link rel="alternate" type="application/rss+xml" title="RSS" href="feed/rss.xml"></head><body></body></html>';
    expect(discoverFeedUrl(html, 'https://site.example/news/')).toBe('https://site.example/news/feed/rss.xml');
  });

  it('given a page without a feed link (or with one only in the body), returns null', () => {
    expect(discoverFeedUrl('<html><head></head><body><link rel="alternate" type="application/rss+xml" href="/x"></body></html>', 'https://s.example/')).toBeNull();
    expect(discoverFeedUrl('<html><head><link rel="alternate" type="application/rss+xml" href="javascript:x"></head></html>', 'https://s.example/')).toBeNull();
  });
});
