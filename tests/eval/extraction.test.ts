import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalExtraction } from '../../src/eval/extraction.js';
import { aggregate, precisionOf, recallOf, shingleCounts, shingleMatch, tokenize } from '../../src/eval/shingles.js';

describe('the shingle metric', () => {
  it('given text in several scripts, tokenizes like Python\'s Unicode \\w+', () => {
    expect(tokenize('Café naïve, 東京タワー! snake_case 42%')).toEqual(['Café', 'naïve', '東京タワー', 'snake_case', '42']);
  });

  it('given a text shorter than four tokens, makes one short shingle; given none, makes none', () => {
    expect([...shingleCounts('two words').keys()]).toHaveLength(1);
    expect(shingleCounts('  ...  ').size).toBe(0);
  });

  it('given a prediction with one extra and one missing word, counts tp/fp/fn over shingles, normalised', () => {
    const m = shingleMatch('a b c d e f', 'a b c d e g');
    // truth shingles: abcd bcde cdef; predicted: abcd bcde cdeg → tp 2, fp 1, fn 1, over 4.
    expect(m).toEqual({ tp: 0.5, fp: 0.25, fn: 0.25 });
    expect(precisionOf(m)).toBeCloseTo(2 / 3);
    expect(recallOf(m)).toBeCloseTo(2 / 3);
  });

  it('given repeated shingles, compares counts, not sets', () => {
    const m = shingleMatch('x y z w x y z w', 'x y z w');
    expect(m.fp).toBe(0);
    expect(m.fn).toBeGreaterThan(0);
  });

  it('given an empty prediction, leaves that page out of the precision mean and scores its recall 0', () => {
    const perfect = shingleMatch('one two three four five', 'one two three four five');
    const empty = shingleMatch('one two three four five', '');
    expect(aggregate([perfect, empty])).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
  });
});

describe('evalExtraction', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-eval-'));
    await mkdir(join(dir, 'html'));
    const body = 'The harbour authority said on Monday that the new pier will open in June, two months later than planned, because of storm damage.';
    const page = `<html><body><nav><a href="/">Home</a></nav><article><p>${body}</p><p><a href="/more">Read more</a></p></article></body></html>`;
    await writeFile(join(dir, 'html', 'p1.html.gz'), gzipSync(Buffer.from(page)));
    await writeFile(join(dir, 'html', 'p2.html.gz'), gzipSync(Buffer.from('<html><body><p>Completely unrelated words about something else entirely, a recipe for bread.</p></body></html>')));
    await writeFile(join(dir, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: body, url: 'https://x.example/1' }, p2: { articleBody: body, url: 'https://x.example/2' } }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('given two labelled pages, one extracted exactly and one wrong, returns their per-page and mean scores', async () => {
    const r = await evalExtraction(dir);
    expect(r.pages).toBe(2);
    expect(r.perPage).toEqual([
      { id: 'p1', precision: 1, recall: 1 },
      { id: 'p2', precision: 0, recall: 0 },
    ]);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBe(0.5);
  });

  const real = join(process.cwd(), '../shared/data/extraction');
  it.skipIf(!existsSync(join(real, 'ground-truth.json')))('given the 91-page development split (../shared/data), scores F1 of at least 0.96', async () => {
    const r = await evalExtraction(real);
    expect(r.pages).toBe(91);
    expect(r.f1).toBeGreaterThanOrEqual(0.96);
  });
});
