import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/ingest/extract/text.js';

// A page written for this test: a standfirst above the byline and date, a photo caption printed
// twice (alt text and caption), a sidebar of headlines inside the article, a link line in
// capitals, and after the article a list of other stories' headlines and times, then a footer.
const here = dirname(fileURLToPath(import.meta.url));
const page = readFileSync(join(here, 'fixtures', 'harbour-teasers.txt'), 'utf8');
const r = extractText(page, { fileName: 'harbour-teasers.txt' });
const paras = r.text.split('\n\n');

describe('extractText at the edges of the article', () => {
  it('given a standfirst above the byline and the date, puts them in their fields and starts the body after them', () => {
    expect(r.title).toBe('Harbour town votes to rebuild its flooded sea wall before winter storms');
    expect(r.description).toBe('Residents backed a plan to raise the wall by a metre after two floods in one year.');
    expect(r.byline).toBe('Maria Keller');
    expect(r.published).toBe('2024-03-12T00:00:00.000Z');
    expect(paras[0]).toMatch(/^The town council of Lindholm voted/);
  });

  it('given a caption printed twice and a link line in capitals, keeps neither in the body', () => {
    expect(r.text).not.toContain('Workers inspect the damaged sea wall');
    expect(r.text).not.toContain('READ MORE STORIES');
  });

  it('given a list of headlines after the article, ends the body on its last sentence', () => {
    expect(paras.at(-1)).toMatch(/^The council will publish the contracts/);
    expect(r.text).not.toMatch(/Related stories|Coastal towns|Sea levels|Island school|Coast Media Group/);
  });

  it('given a sidebar of headlines inside the article, keeps the paragraphs after it', () => {
    for (const start of ['Engineers will start work in May', 'Fishermen who moor inside', 'Two councillors who voted against']) {
      expect(paras.some((p) => p.startsWith(start)), start).toBe(true);
    }
  });
});
