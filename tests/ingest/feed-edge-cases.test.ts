import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/feed-parse.js';
import type { FeedItem } from '../../src/ingest/feed-parse.js';
import { ATOM03, ATOM_TYPES, JSON_LANG, RDF_PREFIXED, RSS090_PREFIXED, RSS2_PREFIXED, RSS_DCTERMS, RSS_LOOSE } from './feed-edge-fixtures.js';

const CLEAN = (s: string | null): void => {
  expect(s).not.toMatch(/<\/?[a-z]+[\s/>]|&[#a-z0-9]+;/i);
};

function item(items: FeedItem[], i: number): FeedItem {
  const it = items[i];
  if (!it) throw new Error(`no item ${i}`);
  return it;
}

describe('Atom text constructs', () => {
  const f = parseFeed(ATOM_TYPES, { url: 'https://typed.example/feed' });

  it('gives clean plain titles for type="html", "xhtml", text/html, application/xhtml+xml and text/plain', () => {
    expect(f.title).toBe('The Typed & Co');
    expect(f.items.map((i) => i.title)).toEqual(['Bold & more', 'Inline & xhtml', 'MIME html title', 'MIME xhtml', 'a < b & c']);
    for (const i of f.items.slice(0, 4)) CLEAN(i.title);
  });

  it('gives HTML content for html and xhtml types, and escapes text/plain content as text', () => {
    expect(f.items.map((i) => i.html)).toEqual([
      '<p>One <i>html</i>.</p>', '<p>Two <b>xhtml</b>.</p>', '<p>Three &amp; mime.</p>', '<p>Four <b>mime</b> xhtml.</p>', '<p>Five &lt;b&gt; is literal.</p>',
    ]);
  });

  it('reads Atom 0.3 mode="escaped" and mode="base64" titles, content and summaries', () => {
    const old = parseFeed(ATOM03);
    expect(old.title).toBe('Vieux & flux');
    expect(item(old.items, 0)).toMatchObject({ title: 'Base64 title “quoted”', html: '<p>Base64 <b>html</b> content.</p>' });
    expect(item(old.items, 1)).toMatchObject({ title: 'Escaped html title', html: '<p>Escaped <b>content</b>.</p>', summary: 'Base64 summary.' });
    for (const i of old.items) {
      CLEAN(i.title);
      expect(i.html).not.toMatch(/^[A-Za-z0-9+/=]+$/);
    }
  });

  it('dates Atom 0.3 entries by issued (with its zone) before modified', () => {
    expect(item(parseFeed(ATOM03).items, 0).published).toBe('2003-12-31T15:14:55.000Z');
  });
});

describe('RSS dates', () => {
  it('uses dcterms:issued, dcterms:created and dcterms:modified, and refuses an invalid time', () => {
    const f = parseFeed(RSS_DCTERMS);
    expect(f.items.map((i) => i.published)).toEqual(['2003-12-31T10:14:55.000Z', '2003-12-31T00:00:00.000Z', '2003-12-31T15:14:55.000Z', null]);
  });
});

describe('RSS 0.9x / 1.0 variants', () => {
  it('reads items outside <channel>, the channel dc:title, and iTunes / Media RSS summaries', () => {
    const f = parseFeed(RSS_LOOSE);
    expect(f.title).toBe('Loose & Wire');
    expect(f.items.map((i) => [i.title, i.summary])).toEqual([
      ['Outside', 'Pod summary.'], ['Media', 'Group description.'], ['Media item', 'Media description.'],
    ]);
  });

  it('reads RSS 1.0 under an rss: prefix with an xhtml:body as the content', () => {
    const f = parseFeed(RDF_PREFIXED);
    expect(f).toMatchObject({ format: 'rdf', title: 'Prefixed', link: 'https://prefixed.example/' });
    expect(item(f.items, 0)).toMatchObject({ title: 'Body', url: 'https://prefixed.example/1', html: '<p>An <b>xhtml</b> body.<br>Line two.</p>' });
  });

  it('reads RSS 0.90 and RSS 2.0 whose elements carry a namespace prefix, and <fullitem> as the content', () => {
    expect(parseFeed(RSS090_PREFIXED)).toMatchObject({ title: 'Ninety', items: [{ title: 'Old item', url: 'https://ninety.example/1' }] });
    const f = parseFeed(RSS2_PREFIXED);
    expect(f).toMatchObject({ format: 'rss', title: 'Userland' });
    expect(item(f.items, 0)).toMatchObject({ title: 'Full', summary: 'Short.', html: '<p>The <b>full</b> item.</p>' });
  });
});

describe('declared languages', () => {
  it('gives each item its own declared language, else the feed\'s', () => {
    expect(parseFeed(RSS_LOOSE).items.map((i) => i.language)).toEqual(['de-DE', 'de-DE', 'fr']);
    expect(parseFeed(RDF_PREFIXED).items.map((i) => i.language)).toEqual(['en']);
    expect(parseFeed(ATOM_TYPES).items.map((i) => i.language)).toEqual(['en-GB', 'en-GB', 'en-GB', 'cy', 'en-GB']);
    expect(parseFeed(ATOM03).language).toBe('fr');
    expect(parseFeed(JSON_LANG).items.map((i) => i.language)).toEqual(['de', 'fr-FR']);
    expect(parseFeed(RSS_DCTERMS).items.map((i) => i.language)).toEqual([null, null, null, null]);
  });
});
