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

describe('extractText on an article that quotes posts, with comments after it', () => {
  // Each quoted post ends on a credit line: a name, a handle, then its date. Each comment starts
  // with a name and its date. Only the comments' dates mark a list of records.
  const q = extractText(readFileSync(join(here, 'fixtures', 'quoted-posts.txt'), 'utf8'), { fileName: 'quoted-posts.txt' });
  const body = q.text.split('\n\n');

  it('given quoted posts between its paragraphs, keeps the paragraphs after them', () => {
    expect(q.title).toBe("Council's honest new bus slogan draws laughs online");
    expect(body[0]).toMatch(/^The city council's new slogan/);
    expect(body.at(-1)).toMatch(/^Opposition councillors said/);
    for (const start of ['Others pointed out', "The council's transport chief", 'The slogan will stay']) expect(body.some((p) => p.startsWith(start)), start).toBe(true);
  });

  it('given dated comments after it, leaves them out', () => {
    expect(q.text).not.toMatch(/I ride the 12|Honestly this made me laugh|spend the money on the buses|My bus was late/);
  });
});

describe('extractText on an article with a table printed one cell a line', () => {
  // The standings come out of a table as one cell a line; the pager under the page counts 1 to 18.
  const t = extractText(readFileSync(join(here, 'fixtures', 'standings-table.txt'), 'utf8'), { fileName: 'standings-table.txt' });
  const body = t.text.split('\n\n');

  it('given the table between two paragraphs, keeps it, one row a paragraph, and the paragraph after it', () => {
    expect(body).toContain('The standings after eight of ten rounds:');
    expect(body).toContain('Pos. | Driver | Points | Wins');
    expect(body).toContain('1 | Anna Berg | 412 | 6');
    expect(body).toContain('7 | Dan Wu | 301 | 0');
    expect(body.at(-1)).toMatch(/^The next round is at the coast circuit/);
  });

  it('given a pager that only counts up, leaves it out', () => {
    expect(body.some((p) => /^1[0-8]$/.test(p) || p.includes('| 17 |'))).toBe(false);
    expect(t.text).not.toMatch(/More results|Next/);
  });
});
