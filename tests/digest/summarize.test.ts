import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/digest/sentences.js';
import { scoreSentences, summarize } from '../../src/digest/summarize.js';

const article = {
  title: 'Flood waters close the Severn bridge',
  text: [
    'Flood waters closed the Severn bridge on Tuesday after two days of heavy rain across Wales and the west of England.',
    'Police said drivers should avoid the area.',
    'The bridge, which carries 80,000 vehicles a day, will stay shut until engineers have checked its supports for flood damage.',
    '"We have never seen water this high," said Mr. Evans, a local farmer.',
    'Rain is expected to ease by Thursday.',
    'The Environment Agency issued 40 flood warnings, and said the Severn could rise another metre before the flood waters fall.',
    'Trains were not affected.',
  ].join(' '),
};

describe('summarize', () => {
  it('given a long article, returns at most N whole sentences of it in document order', () => {
    const all = splitSentences(article.text);
    for (const n of [1, 2, 3, 5]) {
      const out = summarize(article, n);
      expect(out).toHaveLength(n);
      const positions = out.map((s) => all.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('given a text shorter than N sentences, returns all of them', () => {
    expect(summarize({ title: 'T', text: 'One. Two here.' }, 3)).toEqual(['One.', 'Two here.']);
  });

  it('given an empty text, returns no sentences', () => {
    expect(summarize({ title: 'Anything', text: '' }, 3)).toEqual([]);
    expect(summarize({ title: '', text: '  \n\n ' }, 3)).toEqual([]);
  });

  it('given zero or a negative count, returns no sentences', () => {
    expect(summarize(article, 0)).toEqual([]);
    expect(summarize(article, -2)).toEqual([]);
  });

  it('given the same input twice, returns the same summary', () => {
    expect(summarize(article, 3)).toEqual(summarize({ ...article }, 3));
  });

  it('prefers sentences about what the article repeats and the headline names over asides', () => {
    const out = summarize(article, 3);
    expect(out).toContain(splitSentences(article.text)[0]);
    expect(out).not.toContain('Trains were not affected.');
    expect(out).not.toContain('Police said drivers should avoid the area.');
  });

  it('given an article with no title, still summarises it', () => {
    expect(summarize({ title: '', text: article.text }, 2)).toHaveLength(2);
  });

  it('given a very long article, summarises it without the sentence graph', () => {
    const text = Array.from({ length: 600 }, (_, i) => `Sentence number ${i} talks about topic ${i % 7} and the flood.`).join(' ');
    const out = summarize({ title: 'Flood', text }, 3);
    expect(out).toHaveLength(3);
    for (const s of out) expect(text.includes(s)).toBe(true);
  });
});

describe('scoreSentences', () => {
  it('given an article, returns every sentence in document order with a positive finite score', () => {
    const scored = scoreSentences(article);
    expect(scored.map((s) => s.text)).toEqual(splitSentences(article.text));
    expect(scored.map((s) => s.index)).toEqual(scored.map((_, i) => i));
    for (const s of scored) {
      expect(Number.isFinite(s.score)).toBe(true);
      expect(s.score).toBeGreaterThan(0);
    }
  });

  it('given an empty text, returns an empty list', () => {
    expect(scoreSentences({ title: 'x', text: '' })).toEqual([]);
  });

  it('given one sentence made only of stop words or symbols, scores it finitely', () => {
    const [s] = scoreSentences({ title: 'the', text: 'And so it is. ...' });
    expect(Number.isFinite(s!.score)).toBe(true);
  });
});
