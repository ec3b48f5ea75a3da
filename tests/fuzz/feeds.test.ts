import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/ingest/dates.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { FeedError, parseFeed } from '../../src/ingest/feed-parse.js';
import type { ParsedFeed } from '../../src/ingest/feed-parse.js';
import { ATOM, JSON_FEED, RDF, RSS091, RSS2 } from '../ingest/feed-fixtures.js';
import { ATOM03, ATOM_TYPES, RDF_PREFIXED, RSS2_PREFIXED, RSS_DCTERMS, RSS_LOOSE } from '../ingest/feed-edge-fixtures.js';
import { RUNS } from './render-arbitraries.js';

const SEEDS = [RSS2, RSS091, RDF, ATOM, JSON_FEED, ATOM03, ATOM_TYPES, RDF_PREFIXED, RSS2_PREFIXED, RSS_DCTERMS, RSS_LOOSE];
const ELEMENTS = ['rss', 'channel', 'item', 'title', 'link', 'description', 'pubDate', 'guid', 'feed', 'entry', 'content', 'summary', 'updated',
  'rdf:RDF', 'rss:item', 'xhtml:body', 'fullitem', 'dc:date', 'dcterms:issued', 'media:description', 'itunes:summary', 'x:rss', 'div'];
const ATTRS = ['type="html"', 'type="xhtml"', 'type="text/html"', 'type="application/xhtml+xml"', 'mode="base64"', 'mode="escaped"', 'xml:lang="de"',
  'xmlns="http://www.w3.org/2005/Atom"', 'xmlns:rss="http://purl.org/rss/1.0/"', 'xmlns:x="http://backend.userland.com/rss2"', 'version="2.0"', 'href="/a"'];
const TEXT = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('&amp;amp;', '&lt;b&gt;', '&bogus;', '&#0;', '&#xD800;', '<![CDATA[<p>x</p>]]>', ']]>', '<!--', 'SGVsbG8=', '////', 'Sat, 01 Jan 0 00:00:00 GMT',
    '1:2:3:4', '03-12-31', 'Etc/GMT+99', '9999-99-99T99:99:99Z', 'Ã©â€™', '\u202Eevil', '😀'),
);

/** Random feed-like XML from a tag alphabet, unbalanced on purpose. */
const xml = fc.array(fc.oneof(
  fc.tuple(fc.constantFrom(...ELEMENTS), fc.array(fc.constantFrom(...ATTRS), { maxLength: 3 })).map(([t, a]) => `<${t}${a.map((x) => ` ${x}`).join('')}>`),
  fc.constantFrom(...ELEMENTS).map((t) => `</${t}>`),
  TEXT,
), { maxLength: 60 }).map((parts) => parts.join(''));

/** A known feed with a random slice replaced: cut short, spliced, corrupted. */
const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.nat(), fc.nat(), TEXT).map(([seed, a, b, insert]) => {
  const i = a % (seed.length + 1);
  const j = Math.min(seed.length, i + (b % 200));
  return seed.slice(0, i) + insert + seed.slice(j);
});

function check(f: ParsedFeed): void {
  expect(Array.isArray(f.items)).toBe(true);
  for (const i of f.items) {
    for (const k of ['guid', 'url', 'title', 'published', 'author', 'html', 'summary', 'language'] as const) expect(i[k] === null || typeof i[k] === 'string').toBe(true);
    if (i.published) expect(i.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    if (i.url) expect(i.url).toMatch(/^https?:\/\//);
  }
}

/** parseFeed either reads a feed or throws its own one-line FeedError; nothing else. */
function safely(body: string): void {
  try {
    check(parseFeed(body, { url: 'https://feed.example/feed.xml' }));
  } catch (err) {
    expect(err).toBeInstanceOf(FeedError);
    expect((err as Error).message).not.toContain('\n');
  }
}

describe('parseFeed, given hostile feeds', () => {
  it('never crashes on random feed-like XML', () => {
    fc.assert(fc.property(xml, (body) => safely(`<?xml version="1.0"?>${body}`)), { numRuns: RUNS });
  });
  it('never crashes on real feeds cut short, spliced or corrupted', () => {
    fc.assert(fc.property(mutated, safely), { numRuns: RUNS });
  });
  it('never crashes on random bytes decoded the way fetched feeds are', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.option(fc.constantFrom('utf-8', 'utf-16', 'ibm850', 'bogus'), { nil: null }), (bytes, charset) => {
      safely(decodeBytes(bytes, charset));
    }), { numRuns: RUNS });
  });
});

describe('parseDate, given random strings', () => {
  it('returns null or a finite time, never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 60 }), TEXT, fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())), (s) => {
      const t = parseDate(s);
      expect(t === null || Number.isFinite(t)).toBe(true);
    }), { numRuns: RUNS });
  });
  it('reads back every date it could have written (UTC and RFC 1123 forms)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), (d) => {
      expect(parseDate(d.toISOString())).toBe(d.getTime());
      expect(parseDate(d.toUTCString())).toBe(Math.floor(d.getTime() / 1000) * 1000);
    }), { numRuns: RUNS });
  });
});
