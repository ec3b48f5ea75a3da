/** Pictures stored at ingest: page meta and JSON-LD, feed media and enclosures; http(s) only. */
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { parseFeed } from '../../src/ingest/feed-parse.js';
import { toArticle } from '../../src/ingest/to-article.js';
import { imageUrl } from '../../src/ingest/image-url.js';
import { itemArticle } from '../../src/ingest/feed-items.js';
import type { Feed } from '../../src/model.js';

const body = '<article><p>The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck and railings, the city said.</p><p>Engineers replaced forty metres of steel railing and resurfaced both lanes of the bridge.</p></article>';
const page = (head: string) => `<html><head><title>Bridge reopens</title>${head}</head><body>${body}</body></html>`;
const NOW = new Date('2026-03-02T09:00:00Z');

describe('page pictures', () => {
  it('given og:image (relative), resolves it against the page; twitter:image is the fallback', () => {
    expect(extractHtml(page('<meta property="og:image" content="/img/bridge.jpg">'), { url: 'https://news.example/a/b' }).image).toBe('https://news.example/img/bridge.jpg');
    expect(extractHtml(page('<meta name="twitter:image" content="https://cdn.example/t.png">')).image).toBe('https://cdn.example/t.png');
  });

  it('given a JSON-LD ImageObject or a list, takes the first URL', () => {
    const ld = (image: unknown) => page(`<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Bridge reopens', image })}</script>`);
    expect(extractHtml(ld({ '@type': 'ImageObject', url: 'https://cdn.example/ld.jpg' })).image).toBe('https://cdn.example/ld.jpg');
    expect(extractHtml(ld(['https://cdn.example/1.jpg', 'https://cdn.example/2.jpg'])).image).toBe('https://cdn.example/1.jpg');
  });

  it('refuses javascript:, data: and credentialed URLs, and a page without a picture has none', () => {
    expect(extractHtml(page('<meta property="og:image" content="javascript:alert(1)">')).image).toBeNull();
    expect(extractHtml(page('<meta property="og:image" content="data:image/png;base64,AAAA">')).image).toBeNull();
    expect(imageUrl('https://user:pw@cdn.example/x.jpg')).toBeNull();
    expect(extractHtml(page('')).image).toBeNull();
  });

  it('stores the picture on the article, and none when there is none', () => {
    const x = extractHtml(page('<meta property="og:image" content="https://cdn.example/b.jpg">'));
    expect(toArticle(x, { defaultSource: 's', now: NOW }).image).toBe('https://cdn.example/b.jpg');
    expect('image' in toArticle(extractHtml(page('')), { defaultSource: 's', now: NOW })).toBe(false);
  });
});

describe('feed item pictures', () => {
  const rssItem = (extra: string) => parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title><link>https://wire.example/</link><item><title>a</title><link>https://wire.example/a</link>${extra}</item></channel></rss>`).items[0]!.image;

  it('reads media:thumbnail, image media:content (also in media:group) and image enclosures, in that order', () => {
    expect(rssItem('<enclosure url="https://x.example/e.jpg" type="image/jpeg" length="1"/><media:thumbnail url="https://x.example/t.jpg"/>')).toBe('https://x.example/t.jpg');
    expect(rssItem('<media:content url="https://x.example/v.mp4" type="video/mp4"/><media:content url="https://x.example/c.jpg" medium="image"/>')).toBe('https://x.example/c.jpg');
    expect(rssItem('<media:group><media:content url="https://x.example/g.jpg" type="image/jpeg"/></media:group>')).toBe('https://x.example/g.jpg');
    expect(rssItem('<enclosure url="/e.png" type="image/png" length="1"/>')).toBe('https://wire.example/e.png');
    expect(rssItem('<enclosure url="https://x.example/a.mp3" type="audio/mpeg" length="1"/>')).toBeNull();
  });

  it('reads Atom image enclosures and JSON Feed images', () => {
    const atom = parseFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title><id>1</id><link href="https://x.example/a"/><link rel="enclosure" type="image/png" href="https://x.example/e.png"/></entry></feed>');
    expect(atom.items[0]!.image).toBe('https://x.example/e.png');
    const json = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: '1', url: 'https://x.example/a', image: 'https://x.example/j.jpg', content_text: 'x' }] }));
    expect(json.items[0]!.image).toBe('https://x.example/j.jpg');
  });
});

describe('feed item → article', () => {
  it('keeps the item picture on the stored article', async () => {
    const feed = parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title><link>https://wire.example/</link><item><title>Bridge reopens</title><link>https://wire.example/a</link><description><![CDATA[${body}]]></description><media:thumbnail url="https://x.example/t.jpg"/></item></channel></rss>`);
    const a = await itemArticle(feed.items[0]!, { id: 'f1' } as Feed, 'Wire', { extractHtml, fetchTeasers: false, fetcher: () => Promise.reject(new Error('no network')), now: NOW }, { teasers: 0 });
    expect(a.image).toBe('https://x.example/t.jpg');
  });
});
