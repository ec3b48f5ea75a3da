import { describe, expect, it } from 'vitest';
import { clusterArticles } from '../../src/digest/cluster.js';
import { fixtureCorpus } from './fixtures/fixture.js';
import { pairwiseScores } from './pairwise.js';

describe('clusterArticles', () => {
  it('given the multi-source fixtures, recovers the events with pairwise precision and recall of at least 0.9', () => {
    const { articles, events } = fixtureCorpus();
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    const groups = clusterArticles(articles);
    const { precision, recall } = pairwiseScores(groups, label);
    console.log(`clustering fixtures: ${articles.length} articles, ${new Set(events).size} events, ${groups.length} groups; pairwise precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    for (const g of groups) if (new Set(g.map((a) => label.get(a.id))).size > 1) console.log('mixed group:', g.map((a) => `${label.get(a.id)}: ${a.title}`));
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('given two earthquakes in different countries, keeps them apart', () => {
    const { articles, events } = fixtureCorpus();
    const groups = clusterArticles(articles);
    const peru = new Set(articles.filter((_, i) => events[i] === 'quake-peru').map((a) => a.id));
    const turkey = new Set(articles.filter((_, i) => events[i] === 'quake-turkey').map((a) => a.id));
    for (const g of groups) expect(g.some((a) => peru.has(a.id)) && g.some((a) => turkey.has(a.id))).toBe(false);
  });

  it('given two matches of one league on one day, keeps them apart', () => {
    const { articles, events } = fixtureCorpus();
    const groups = clusterArticles(articles);
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    for (const g of groups) {
      const labels = new Set(g.map((a) => label.get(a.id)));
      expect(labels.has('match-rovers') && labels.has('match-kessel')).toBe(false);
    }
  });

  it('given a copy with a cut paragraph, a new headline and reordered paragraphs, groups all copies', () => {
    const { articles, events } = fixtureCorpus();
    const recall = articles.filter((_, i) => events[i] === 'recall');
    const groups = clusterArticles(recall);
    expect(groups).toHaveLength(1);
  });

  it('given no articles, returns no groups; given one, returns it alone', () => {
    expect(clusterArticles([])).toEqual([]);
    const { articles } = fixtureCorpus();
    expect(clusterArticles([articles[0]!])).toEqual([[articles[0]]]);
  });

  it('given a thousand identical copies, returns one group (oversized buckets stay linear)', () => {
    const { articles } = fixtureCorpus();
    const copies = Array.from({ length: 1000 }, (_, i) => ({ ...articles[0]!, id: `copy${i}` }));
    const groups = clusterArticles(copies);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(1000);
  });
});
