import { describe, expect, it } from 'vitest';
import { digestToJson } from '../../../src/digest/render/json.js';
import { renderMarkdown } from '../../../src/digest/render/markdown.js';
import { renderText } from '../../../src/digest/render/text.js';
import { sanitizeInline, sanitizeText, truncate } from '../../../src/digest/render/sanitize.js';
import { sampleDigest, sampleStory } from './sample-digest.js';

describe('digestToJson', () => {
  it('given a digest, returns exactly the documented keys', () => {
    const json = digestToJson(sampleDigest([sampleStory(1)], ['trams']));
    expect(Object.keys(json)).toEqual(['generatedAt', 'window', 'stories']);
    expect(Object.keys(json.window)).toEqual(['from', 'to']);
    expect(Object.keys(json.stories[0]!)).toEqual(['title', 'summary', 'sources', 'articles']);
    expect(Object.keys(json.stories[0]!.sources[0]!)).toEqual(['name', 'url', 'title']);
    expect(json.stories[0]!.articles).toBe(2);
  });
});

describe('renderText', () => {
  it('given a digest, returns heading, numbered stories, summaries and sources with URLs', () => {
    const text = renderText(sampleDigest([sampleStory(1)], ['trams']), { timeZone: 'Europe/Berlin' });
    expect(text).toBe(
      [
        'News digest · Fri 27 Nov, 09:00 CET – Sat 28 Nov, 09:00 CET',
        'Topics: trams',
        '',
        '1. Story number 1 headline',
        '   First fact of story 1. Second fact of story 1.',
        '   - Harbour Gazette: https://harbour.example/1',
        '   - Valley Times: https://valley.example/1',
      ].join('\n'),
    );
  });

  it('given an empty digest, returns the empty text; given an unknown zone, falls back to UTC', () => {
    expect(renderText(sampleDigest([]), { emptyText: 'Nothing yet.' })).toBe('Nothing yet.');
    expect(renderText(sampleDigest([]), { timeZone: 'Mars/Olympus' })).toBe('No new stories since Fri 27 Nov, 08:00 UTC.');
  });

  it('given a title with terminal escapes, strips them', () => {
    expect(renderText(sampleDigest([sampleStory(1, { title: 'Red \u001b[31malert\u001b[0m' })]))).toContain('1. Red [31malert[0m');
  });
});

describe('renderMarkdown', () => {
  it('given a digest, returns sections with escaped titles and linked sources', () => {
    const md = renderMarkdown(sampleDigest([sampleStory(1, { title: 'Rates *up* [again]' })]), { timeZone: 'UTC' });
    expect(md).toContain('## 1. Rates \\*up\\* \\[again\\]');
    expect(md).toContain('Sources: [Harbour Gazette](https://harbour.example/1) · [Valley Times](https://valley.example/1)');
  });
});

describe('sanitize', () => {
  it('given bidi overrides and controls, removes them but keeps newlines', () => {
    expect(sanitizeText('a\u202Eb\u2066c\u200Fd\u0000e\u0085f\ng\th')).toBe('abcdef\ng h');
    expect(sanitizeInline('  a \n  b ')).toBe('a b');
  });

  it('given a long text, truncates at a word with … and never splits a surrogate pair', () => {
    expect(truncate('one two three four', 12)).toBe('one two…');
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('sanitizeText and bidi isolates', () => {
  it('keeps an isolate closed on its line, drops lone openers and closers', () => {
    expect(sanitizeText('نتیجه برای «\u2068Berlin\u2069»')).toBe('نتیجه برای «\u2068Berlin\u2069»');
    expect(sanitizeText('a\u2067b')).toBe('ab');
    expect(sanitizeText('a\u2069b\u2068c\nd\u2069')).toBe('abc\nd');
    expect(sanitizeText('\u2068x\u2068y\u2069')).toBe('x\u2068y\u2069');
  });
});
