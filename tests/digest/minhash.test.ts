import { describe, expect, it } from 'vitest';
import { clusterIndex, indexArticles } from '../../src/digest/cluster.js';
import { DEFAULT_LSH, candidatePairs, hash32, signature } from '../../src/digest/minhash.js';
import type { Article } from '../../src/model.js';
import { fixtureCorpus } from './fixtures/fixture.js';

const terms = (words: string[]): number[] => words.map(hash32);
const sig = (words: string[]): Uint32Array => signature(terms(words), DEFAULT_LSH.bands * DEFAULT_LSH.rows);

describe('candidatePairs', () => {
  it('given sets that share most terms, pairs them; given disjoint sets, does not', () => {
    const a = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const b = [...a.slice(0, 16), 'x1', 'x2', 'x3', 'x4'];
    const c = Array.from({ length: 20 }, (_, i) => `z${i}`);
    const { keys, bands } = candidatePairs([sig(a), sig(b), sig(c)]);
    expect([...keys]).toEqual([0 * 3 + 1]);
    expect(bands[0]).toBeGreaterThan(5);
  });

  it('given identical signatures, lists their pairs strongest first', () => {
    const s = sig(['a', 'b', 'c']);
    const { keys, bands } = candidatePairs([s, s, sig(['a', 'b', 'q'])]);
    expect(keys[0]).toBe(1);
    expect(bands[0]).toBe(DEFAULT_LSH.bands);
  });
});

describe('clusterIndex on adversarial input', () => {
  it('given 3,000 copies of one article, pairs only bucket neighbours (not 4.5 million pairs) and still groups them', () => {
    const [base] = fixtureCorpus().articles;
    const articles: Article[] = Array.from({ length: 3000 }, (_, i) => ({ ...base!, id: `a${i}` }));
    const stats = { candidates: 0, checks: 0 };
    const groups = clusterIndex(indexArticles(articles), stats);
    console.log(`adversarial 3,000 copies: ${stats.candidates} candidate pairs, ${stats.checks} checks`);
    expect(stats.candidates).toBeLessThanOrEqual(articles.length * DEFAULT_LSH.bands * DEFAULT_LSH.window);
    expect(stats.checks).toBeLessThanOrEqual(articles.length * 40);
    expect(groups).toHaveLength(1);
  });
});
