import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/digest/sentences.js';
import { summarize } from '../../src/digest/summarize.js';
import { clusterArticles } from '../../src/digest/cluster.js';
import { buildDigest } from '../../src/digest/build.js';
import { extractHtml } from '../../src/ingest/extract/html.js';
import { extractText } from '../../src/ingest/extract/text.js';
import type { Article } from '../../src/model.js';

/**
 * Inputs built to make naive code go quadratic or blow the stack. Bounds are generous (this
 * machine is shared and slow); the point is "finishes at all", not a benchmark.
 */
function within<T>(ms: number, fn: () => T): T {
  const t = performance.now();
  const out = fn();
  expect(performance.now() - t).toBeLessThan(ms);
  return out;
}

const NOW = new Date('2026-11-28T12:00:00Z');
function article(i: number, title: string, text: string): Article {
  const t = new Date(NOW.getTime() - (i % 600) * 60_000).toISOString();
  return { id: `a${String(i).padStart(15, '0')}`, url: `https://s${i % 7}.example/${i}`, title, text, description: null, byline: null, published: t, fetchedAt: t, source: `site${i % 7}`, language: 'en', feedId: null };
}

describe('adversarial text', () => {
  it('splits one 100,000-word sentence, 100,000 dots and 50,000 "Mr." in bounded time', () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `word${i % 97}`).join(' ');
    expect(within(10_000, () => splitSentences(words))).toHaveLength(1);
    within(10_000, () => splitSentences('.'.repeat(100_000)));
    within(10_000, () => splitSentences('Mr. '.repeat(50_000)));
    within(10_000, () => splitSentences('"'.repeat(50_000) + ' said. '.repeat(10_000)));
  });

  it('summarises a 100,000-word single sentence and a 10,000-sentence article in bounded time', () => {
    const one = Array.from({ length: 100_000 }, (_, i) => `word${i % 500}`).join(' ');
    expect(within(15_000, () => summarize({ title: 'x', text: one }, 3))).toHaveLength(1);
    const many = Array.from({ length: 10_000 }, (_, i) => `Sentence number ${i} talks about topic ${i % 37} and thing ${i % 11}.`).join(' ');
    expect(within(15_000, () => summarize({ title: 'topic', text: many }, 3))).toHaveLength(3);
  });

  it('extracts a page of 100,000 nested tags and a 5 MB single line without crashing', () => {
    within(20_000, () => extractHtml(`<html><body>${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}</body></html>`));
    const line = 'word '.repeat(1_000_000);
    const x = within(20_000, () => extractText(line));
    expect(x.text.length).toBeGreaterThan(0);
  });
});

describe('adversarial clustering', () => {
  it('groups 2,000 identical articles into one story in bounded time', () => {
    const text = 'The harbour council approved a new budget for schools and housing on Tuesday after a long debate. Opponents said the cost was too high.';
    const arts = Array.from({ length: 2000 }, (_, i) => article(i, 'Council approves harbour budget', text));
    const groups = within(15_000, () => clusterArticles(arts));
    expect(groups).toHaveLength(1);
  });

  it('handles 2,000 articles sharing the same few words (LSH bucket blow-up) in bounded time', () => {
    const arts = Array.from({ length: 2000 }, (_, i) => article(i, `Update ${i % 3}`, `news update today ${i % 5} news update today. ${'news '.repeat(i % 4)}update.`));
    const groups = within(15_000, () => clusterArticles(arts));
    expect(groups.flat()).toHaveLength(2000);
    const digest = within(15_000, () => buildDigest(arts, { now: NOW, from: new Date(NOW.getTime() - 86_400_000) }));
    expect(digest.stories.length).toBeGreaterThan(0);
  });
});
