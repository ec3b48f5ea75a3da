import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/ingest/extract/html.js';
import { ExtractError } from '../../../src/ingest/extract/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, 'fixtures', name), 'utf8');
const paragraphs = (text: string): string[] => text.split('\n\n');

describe('extractHtml on a news page with chrome', () => {
  const r = extractHtml(fixture('valley-article.html'), { url: 'https://www.valleytimes.example/news/x?utm_source=rss' });

  it('returns the body paragraphs and the subheading, in order', () => {
    expect(paragraphs(r.text)).toEqual([
      'The city council on Tuesday approved a seven-kilometre tram line between the central station and the docks, ending a decade of debate over how to serve the growing harbour district.',
      "The line will have eleven stops and is expected to carry twenty thousand passengers a day when it opens in 2027, according to the council's transport department.",
      'Shops fear the works',
      'Traders on Harbour Street, where the track will run, said months of construction could drive customers away. The chamber of commerce has asked for compensation.',
      '"We support the tram, but we need help to survive the works," said Lena Ortiz, who runs a bakery on the street.',
      'The council will publish the construction schedule next month.',
    ]);
  });

  it('leaves out navigation, cookie banner, byline, share bar, caption, ad, related list, "Read more", newsletter, comments and footer', () => {
    for (const chrome of ['Skip to main content', 'Home', 'cookies', 'Transport Correspondent', 'Share on Facebook', 'Photo:', 'Advertisement', 'Bus timetable', 'Read more', 'newsletter', 'waste of money', 'All rights reserved']) {
      expect(r.text).not.toContain(chrome);
    }
  });

  it('reads the metadata: headline without the site name, byline, date, canonical URL resolved against the page, language, description', () => {
    expect(r.title).toBe('Tram Line to the Docks Approved');
    expect(r.byline).toBe('Ines Berg');
    expect(r.published).toBe('2024-03-12T08:30:00.000Z');
    expect(r.url).toBe('https://www.valleytimes.example/news/trams-to-the-docks');
    expect(r.language).toBe('en-GB');
    expect(r.description).toBe('The council approved a seven-kilometre tram line between the station and the docks.');
  });
});

describe('extractHtml', () => {
  it('given an article split into sections sharing a class, returns all sections and not the "More stories" list', () => {
    const r = extractHtml(fixture('split-sections.html'), { url: 'https://northernwire.example/glacier' });
    const paras = paragraphs(r.text);
    expect(paras[0]).toMatch(/^Glaciers in the northern valleys/);
    expect(paras.at(-1)).toMatch(/^The regional government said/);
    expect(r.text).not.toMatch(/More stories|Ferry fares/);
    expect(r.title).toBe('Glacier Retreat Speeds Up');
    expect(r.language).toBe('en-US');
  });

  it('given a teaser page whose JSON-LD holds the whole articleBody, returns the JSON-LD body and its author and date', () => {
    const r = extractHtml(fixture('jsonld-body.html'));
    expect(paragraphs(r.text)).toHaveLength(3);
    expect(r.text).toMatch(/dreißig Kilometer pro Stunde rechnen, teilte das Bauamt mit\.$/);
    expect(r.byline).toBe('Jonas Weber');
    expect(r.published).toBe('2024-05-02T00:00:00.000Z');
    expect(r.language).toBe('de');
  });

  it('given a table of results, keeps each row as one line', () => {
    const r = extractHtml('<html><body><article><p>The final standings of the season after thirty-six races, with points and wins for each driver:</p><table><tr><th>Pos</th><th>Driver</th><th>Points</th></tr><tr><td>1</td><td>Kim Ahl</td><td>5040</td></tr><tr><td>2</td><td>Ola Berg</td><td>5035</td></tr></table></article></body></html>');
    expect(paragraphs(r.text).slice(1)).toEqual(['Pos Driver Points', '1 Kim Ahl 5040', '2 Ola Berg 5035']);
  });

  it('given entities and non-breaking spaces, returns decoded, single-spaced text', () => {
    const r = extractHtml('<body><article><p>Caf&eacute; owners&nbsp;&nbsp;said &ldquo;no&rdquo; to the plan, which the council had backed in a close vote on Monday.</p></article></body>');
    expect(r.text).toBe('Café owners said “no” to the plan, which the council had backed in a close vote on Monday.');
  });

  it('given a page with no metadata at all, returns nulls, not empty strings', () => {
    const r = extractHtml('<p>Just one paragraph of text on a bare page, long enough to count as prose for the extractor.</p>');
    expect(r).toMatchObject({ title: null, description: null, byline: null, published: null, url: null, language: null });
    expect(r.text).toMatch(/^Just one paragraph/);
  });
});

describe('extractHtml on hostile input', () => {
  it('given 100,000 nested tags, returns a result without overflowing the stack', () => {
    const html = `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`;
    expect(typeof extractHtml(html).text).toBe('string');
    const spans = `<body><p>Top paragraph with enough words in it to be prose, and a comma.</p>${'<span><b>'.repeat(50_000)}x</body>`;
    expect(extractHtml(spans).text).toContain('Top paragraph');
  });

  it('given a single 5 MB line, returns its text', () => {
    const r = extractHtml(`<p>${'word '.repeat(1_000_000)}</p>`);
    expect(r.text.length).toBe(4_999_999);
  });

  it('given binary garbage, throws a one-line ExtractError', () => {
    const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7919 + 13) % 256);
    const garbage = new TextDecoder('utf-8').decode(bytes);
    expect(() => extractHtml(garbage)).toThrow(ExtractError);
    try {
      extractHtml(garbage);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('given invalid UTF-8 decoded with replacement characters, returns the readable text', () => {
    const html = new TextDecoder('utf-8').decode(Uint8Array.from([...Buffer.from('<p>ok '), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from(' fine</p>')]));
    expect(extractHtml(html).text).toMatch(/^ok .*fine$/);
  });

  it('given an empty or blank page, throws ExtractError', () => {
    expect(() => extractHtml('')).toThrow(ExtractError);
    expect(() => extractHtml(' \n\t ')).toThrow(/empty page/);
  });

  it('given malformed JSON-LD and unclosed tags, still extracts', () => {
    const r = extractHtml('<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script></head><body><div><p>Unclosed paragraph one, which is long enough to be prose in an article body.<p>And a second one, which is long enough to be prose as well, with a comma.');
    expect(paragraphs(r.text)).toHaveLength(2);
  });
});
