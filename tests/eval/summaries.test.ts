import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalSummaries, loadLabelledArticles, parseArticle } from '../../src/eval/summaries.js';

let dir = '';

const sentences = (topic: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `The ${topic} report number ${i} said ${i % 2 === 0 ? `${topic} prices rose` : 'little changed'} in sentence ${i}.`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbot-summaries-'));
  for (const topic of ['business', 'sport']) {
    await mkdir(join(dir, 'articles', topic), { recursive: true });
    await mkdir(join(dir, 'summaries', topic), { recursive: true });
    for (const id of ['001', '002']) {
      const body = sentences(`${topic}${id}`, 8);
      await writeFile(join(dir, 'articles', topic, `${id}.txt`), `${topic} ${id} headline\n\n${body.slice(0, 4).join(' ')}\n\n${body.slice(4).join(' ')}\n`);
      // The reference is the first three sentences, so LEAD-3 matches it exactly.
      await writeFile(join(dir, 'summaries', topic, `${id}.txt`), body.slice(0, 3).join(''));
    }
  }
  // An article without a reference is left out.
  await writeFile(join(dir, 'articles', 'sport', '003.txt'), 'No summary\n\nNothing to compare.');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseArticle', () => {
  it('given a title line and a body, splits them', () => {
    expect(parseArticle('\uFEFFHeadline here\r\n\r\nBody one.\r\nBody two.\n')).toEqual({ title: 'Headline here', text: 'Body one.\nBody two.' });
  });

  it('given only a title, returns an empty body', () => {
    expect(parseArticle('Just a title')).toEqual({ title: 'Just a title', text: '' });
  });
});

describe('evalSummaries on a generated folder', () => {
  it('loads only articles that have a reference, in topic and file order', async () => {
    const articles = await loadLabelledArticles(dir);
    expect(articles.map((a) => a.id)).toEqual(['business/001', 'business/002', 'sport/001', 'sport/002']);
    expect(articles[0]!.title).toBe('business 001 headline');
  });

  it('scores LEAD-3 as perfect when the reference is the first three sentences, and reports ratios to TextRank', async () => {
    const r = await evalSummaries(dir);
    expect(r.articles).toBe(4);
    expect(r.lead3.r1).toBeCloseTo(1, 10);
    expect(r.lead3.r2).toBeCloseTo(1, 10);
    expect(r.lead3.rl).toBeCloseTo(1, 10);
    for (const k of ['r1', 'r2', 'rl'] as const) {
      expect(r.ours[k]).toBeGreaterThan(0);
      expect(r.ours[k]).toBeLessThanOrEqual(1);
      expect(r.textrank[k]).toBeGreaterThan(0);
      expect(r.ratio[k]).toBeCloseTo(r.ours[k] / r.textrank[k], 10);
    }
  });

  it('with sentences: 1, scores one-sentence summaries (LEAD-1 has full precision, lower recall)', async () => {
    const r = await evalSummaries(dir, { sentences: 1 });
    expect(r.lead3.r1).toBeGreaterThan(0.4);
    expect(r.lead3.r1).toBeLessThan(0.6);
  });
});

const bbc = fileURLToPath(new URL('../../../shared/data/bbc', import.meta.url));
describe.skipIf(!existsSync(bbc))('evalSummaries on the BBC development set (../shared/data/bbc)', () => {
  it('reproduces the published baselines closely and beats TextRank by at least 3% on every score', async () => {
    const r = await evalSummaries(bbc);
    expect(r.articles).toBe(1114);
    expect(r.lead3.r1).toBeCloseTo(0.443, 2);
    expect(r.textrank.r1).toBeCloseTo(0.573, 2);
    expect(r.textrank.r2).toBeCloseTo(0.503, 2);
    expect(r.textrank.rl).toBeCloseTo(0.432, 2);
    for (const k of ['r1', 'r2', 'rl'] as const) expect(r.ratio[k]).toBeGreaterThanOrEqual(1.03);
  });
});
