import { describe, expect, it } from 'vitest';
import { lcsLength, meanRouge, rouge, rougeL, rougeN, rougeTokens } from '../../src/eval/rouge.js';

describe('rougeTokens', () => {
  it('given mixed text, returns lower-cased \\w+ runs (letters of any script, digits, underscore)', () => {
    expect(rougeTokens("The U.S. firm's £1.5bn snake_case Ünïcode, 東京!")).toEqual(['the', 'u', 's', 'firm', 's', '1', '5bn', 'snake_case', 'ünïcode', '東京']);
  });
});

describe('ROUGE on hand-computed examples', () => {
  // candidate: the cat sat on the mat (6 tokens); reference: the cat lay on the mat (6)
  const c = 'The cat sat on the mat.';
  const r = 'the cat lay on the mat';

  it('ROUGE-1: clipped unigram overlap 5 of 6 each way gives F1 5/6', () => {
    expect(rouge(c, r).r1).toBeCloseTo(5 / 6, 10);
  });

  it('ROUGE-2: bigrams "the cat", "on the", "the mat" match, 3 of 5 each way gives F1 3/5', () => {
    expect(rouge(c, r).r2).toBeCloseTo(3 / 5, 10);
  });

  it('ROUGE-L: LCS "the cat on the mat" is 5 of 6 each way gives F1 5/6', () => {
    expect(rouge(c, r).rl).toBeCloseTo(5 / 6, 10);
  });

  it('clips repeated n-grams at the reference count', () => {
    // candidate "the the the the" vs reference "the cat": overlap 1, P 1/4, R 1/2, F 1/3
    expect(rougeN(['the', 'the', 'the', 'the'], ['the', 'cat'], 1)).toBeCloseTo(1 / 3, 10);
  });

  it('ROUGE-L uses the whole sequences, so order matters', () => {
    // a b c d vs d c b a: LCS 1, P = R = 1/4
    expect(rougeL(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBeCloseTo(0.25, 10);
    expect(lcsLength(['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'c'])).toBe(3);
  });

  it('with unequal lengths, F1 is the harmonic mean of precision and recall', () => {
    // candidate "a b" vs reference "a b c d e f": P 1, R 1/3, F 0.5
    const s = rouge('a b', 'a b c d e f');
    expect(s.r1).toBeCloseTo(0.5, 10);
    expect(s.r2).toBeCloseTo((2 * 1 * 0.2) / 1.2, 10);
    expect(s.rl).toBeCloseTo(0.5, 10);
  });

  it('given nothing in common or an empty side, scores zero', () => {
    expect(rouge('alpha beta', 'gamma delta')).toEqual({ r1: 0, r2: 0, rl: 0 });
    expect(rouge('', 'gamma delta')).toEqual({ r1: 0, r2: 0, rl: 0 });
    expect(rouge('one', 'one')).toEqual({ r1: 1, r2: 0, rl: 1 });
  });

  it('meanRouge averages each score and gives zeros for no scores', () => {
    expect(meanRouge([{ r1: 1, r2: 0.5, rl: 0 }, { r1: 0, r2: 0.5, rl: 1 }])).toEqual({ r1: 0.5, r2: 0.5, rl: 0.5 });
    expect(meanRouge([])).toEqual({ r1: 0, r2: 0, rl: 0 });
  });
});
