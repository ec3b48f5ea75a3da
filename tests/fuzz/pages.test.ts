import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { extractText } from '../../src/ingest/extract/text.js';
import { ExtractError } from '../../src/ingest/extract/types.js';
import type { Extracted } from '../../src/ingest/extract/types.js';
import { RUNS } from './render-arbitraries.js';

const TAGS = ['p', 'div', 'span', 'article', 'main', 'section', 'h1', 'h2', 'a', 'b', 'i', 'ul', 'li', 'table', 'tr', 'td', 'figure', 'figcaption', 'nav', 'aside', 'footer', 'header', 'br', 'img', 'script', 'style', 'noscript', 'iframe', 'svg', 'template', 'pre', 'code', 'blockquote', 'time', 'meta', 'title', 'html', 'body', 'head'];
const ATTRS = ['class="content"', 'class="share-bar"', 'id="main"', 'itemprop="articleBody"', 'href="javascript:alert(1)"', 'href="https://x.example/a"', 'datetime="2026-11-28T10:00:00Z"', 'lang="de"', 'property="og:title" content="T"', `class="${'x'.repeat(5000)}"`, 'style="display:none"', 'rel="canonical" href="/c"'];

/** Random text with hostile characters: astral, RTL, bidi overrides, NUL-free controls, entities, quotes. */
const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => s.split(String.fromCharCode(0)).join('')),
  fc.constantFrom('&amp;', '&lt;script&gt;', '&#x202E;', '&bogus;', '&#0;', '&#xD800;', '“quoted”', '\u202Eevil\u202C', 'שלום עולם', '😀🇺🇳', 'Mr. Smith Jr.', '<!-- c -->', '<![CDATA[x]]>', ']]>', '<?xml ?>'),
);

/** Random HTML from a tag alphabet, unbalanced on purpose. */
const html = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...TAGS), fc.option(fc.constantFrom(...ATTRS), { nil: undefined })).map(([t, a]) => `<${t}${a ? ` ${a}` : ''}>`),
    fc.constantFrom(...TAGS).map((t) => `</${t}>`),
    hostile,
  ),
  { maxLength: 60 },
).map((parts) => parts.join(''));

function checkExtracted(x: Extracted): void {
  expect(typeof x.text).toBe('string');
  expect(x.text).not.toContain('\u0000');
  expect(x.text).not.toMatch(/\n{3,}/);
  expect(x.text).toBe(x.text.trim());
  for (const k of ['title', 'description', 'byline', 'published', 'url', 'language'] as const) {
    const v = x[k];
    expect(v === null || typeof v === 'string').toBe(true);
  }
  if (x.published) expect(Number.isNaN(Date.parse(x.published))).toBe(false);
}

/** Runs an extractor; only its own one-line ExtractError may come out. */
function safely(fn: () => Extracted): void {
  try {
    checkExtracted(fn());
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    expect((err as Error).message).not.toContain('\n');
  }
}

describe('extractHtml, given random and hostile pages', () => {
  it('returns a well-typed result or its own one-line error, never anything else', () => {
    fc.assert(fc.property(html, (page) => safely(() => extractHtml(page, { url: 'https://news.example/a' }))), { numRuns: RUNS });
  });
  it('keeps the text of a real article whatever well-formed chrome surrounds it', () => {
    // Unclosed raw-text tags (<script>, <style>) swallow the rest of a page in browsers too, so the
    // chrome here is balanced: random elements, attributes and hostile text, each closed.
    const visibleTags = ['div', 'span', 'nav', 'aside', 'footer', 'header', 'ul', 'li', 'a', 'b', 'figure', 'section', 'p'];
    const chrome = fc.array(fc.tuple(fc.constantFrom(...visibleTags), fc.constantFrom('', 'class="share-bar"', 'class="related"', 'href="https://x.example/a"'), hostile)
      .map(([t, a, txt]) => `<${t}${a ? ` ${a}` : ''}>${txt.replace(/[<>&]/g, ' ')}</${t}>`), { maxLength: 20 }).map((p) => p.join(''));
    const para = 'The council approved the new harbour budget on Tuesday after a long debate about housing and schools in the district.';
    fc.assert(fc.property(chrome, chrome, (before, after) => {
      const x = extractHtml(`<html><body>${before}<article><p>${para}</p><p>${para.replace('council', 'mayor')}</p></article>${after}</body></html>`);
      expect(x.text).toContain(para);
    }), { numRuns: RUNS });
  });
});

describe('extractText, given random and hostile scraped text', () => {
  it('returns a well-typed result or its own one-line error', () => {
    const lines = fc.array(fc.oneof(hostile, fc.constantFrom('Share this post', 'Skip to main content', '', '# Heading', 'Photo: Getty Images', 'Related stories')), { maxLength: 80 }).map((l) => l.join('\n'));
    fc.assert(fc.property(lines, (text) => safely(() => extractText(text))), { numRuns: RUNS });
  });
});
