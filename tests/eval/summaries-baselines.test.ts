import { describe, expect, it } from 'vitest';
import { pageRank, similarityMatrix, textRankSimilarity } from '../../src/digest/centrality.js';
import { lead, textRank } from '../../src/eval/textrank.js';

describe('LEAD-3', () => {
  it('given a text, returns its first three sentences', () => {
    expect(lead('A one. B two. C three. D four.')).toEqual(['A one.', 'B two.', 'C three.']);
    expect(lead('Only one.')).toEqual(['Only one.']);
  });
});

describe('TextRank', () => {
  it('uses |shared words| / (log|s1| + log|s2|)', () => {
    const a = new Set(['the', 'cat', 'sat']);
    const b = new Set(['the', 'cat', 'ran', 'off']);
    expect(textRankSimilarity(a, b, 3, 4)).toBeCloseTo(2 / (Math.log(3) + Math.log(4)), 12);
    expect(textRankSimilarity(new Set(['x']), new Set(['x']), 1, 1)).toBe(0);
  });

  it('PageRank on a symmetric triangle gives every node 1', () => {
    const w = similarityMatrix([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    for (const s of pageRank(w, 3)) expect(s).toBeCloseTo(1, 6);
  });

  it('PageRank gives an isolated sentence only 1 − d', () => {
    const s = pageRank(similarityMatrix([['a', 'b'], ['a', 'b'], ['x', 'y']]), 3);
    expect(s[2]).toBeCloseTo(0.15, 10);
    expect(s[0]).toBeGreaterThan(s[2]!);
  });

  it('returns the most central sentences in document order', () => {
    const text = 'Oil prices rose sharply today. Cats are nice. Oil prices and gas prices rose. Dogs bark loudly. Gas prices rose too.';
    expect(textRank(text, 3)).toEqual(['Oil prices rose sharply today.', 'Oil prices and gas prices rose.', 'Gas prices rose too.']);
    expect(textRank('Short. Text.', 3)).toEqual(['Short.', 'Text.']);
  });
});
