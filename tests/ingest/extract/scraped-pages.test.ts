import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/ingest/extract/text.js';

// Scraped-style pages written for these tests: menus, dates, read times, captions, credits,
// support appeals, cookie and newsletter prompts, related lists and footers, each worded
// differently from page to page and from anything the cleaner could key on.
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scraped');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { title: string; body: string[]; byline: string | null; chrome: string[] }>;
const pages = Object.entries(expected).map(([name, e]) => ({ name, e, r: extractText(readFileSync(join(dir, name), 'utf8'), { fileName: name }) }));

describe('extractText on scraped-style pages', () => {
  it(`given ${pages.length} pages with varied chrome, picks the real headline on at least 97 % of them`, () => {
    const wrong = pages.filter((p) => p.r.title !== p.e.title).map((p) => `${p.name}: ${p.r.title}`);
    expect(wrong.length / pages.length, wrong.join('\n')).toBeLessThanOrEqual(0.03);
  });

  it('given those pages, lets no nav, date, read-time, caption, credit, support, cookie, newsletter or footer line into the body', () => {
    const leaks = pages.flatMap((p) => p.r.text.split('\n\n').filter((para) => p.e.chrome.includes(para)).map((para) => `${p.name}: ${para}`));
    expect(leaks).toEqual([]);
  });

  it('given those pages, keeps the article paragraphs and puts the byline in its field', () => {
    for (const p of pages) {
      const got = p.r.text.split('\n\n');
      const kept = p.e.body.filter((para) => got.includes(para)).length;
      expect(kept / p.e.body.length, p.name).toBeGreaterThanOrEqual(0.8);
      expect(p.r.text).not.toContain(p.e.title);
      if (p.e.byline) expect(p.r.byline, p.name).toBe(p.e.byline);
    }
  });
});
