import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/digest/sentences.js';
import { scoreSentences, summarize } from '../../src/digest/summarize.js';
import { RUNS } from './render-arbitraries.js';

const WORDS = ['Mr.', 'Dr.', 'U.S.', 'No.', 'Jan.', 'e.g.', '3.5%', '$1.2bn', 'J. R. R.', 'Tolkien', 'said', 'the', 'council', '"Yes," he said.', '“No.”', '(see above)', '...', '…', '?', '!', '。', 'ok.', 'http://x.example/a.b', 'a@b.example', '\n\n', '\n', 'שלום.', '😀', '\u202E', 'Inc.', 'vs.'];
/** Text built from tricky tokens: abbreviations, decimals, quotes, ellipses, CJK stops, paragraphs. */
const tricky = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 120 }).map((w) => w.join(' '));
const anyText = fc.oneof(tricky, fc.string({ maxLength: 400 }));
const squash = (s: string): string => s.replace(/\s+/g, '');

describe('splitSentences, given random and hostile text', () => {
  it('returns trimmed, non-empty sentences that together hold all the text, in order', () => {
    fc.assert(fc.property(anyText, (text) => {
      const out = splitSentences(text);
      for (const s of out) {
        expect(s.length).toBeGreaterThan(0);
        expect(s).toBe(s.trim());
      }
      expect(squash(out.join(''))).toBe(squash(text));
    }), { numRuns: RUNS });
  });
});

describe('summarize and scoreSentences, given random and hostile articles', () => {
  it('returns at most N whole sentences of the text, in document order, and finite scores', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), anyText, fc.integer({ min: 0, max: 6 }), (title, text, n) => {
      const sentences = splitSentences(text);
      const summary = summarize({ title, text }, n);
      expect(summary.length).toBeLessThanOrEqual(n);
      let last = -1;
      for (const s of summary) {
        const at = sentences.indexOf(s, last + 1);
        expect(at).toBeGreaterThan(last);
        last = at;
      }
      const scored = scoreSentences({ title, text });
      for (const [i, s] of scored.entries()) {
        expect(Number.isFinite(s.score)).toBe(true);
        if (i > 0) expect(s.index).toBeGreaterThan(scored[i - 1]!.index);
      }
    }), { numRuns: RUNS });
  });
});
