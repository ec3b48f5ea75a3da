import { describe, expect, it } from 'vitest';
import { StoryIndex } from '../../src/digest/story-index.js';
import { analysisOf } from '../../src/digest/analysis.js';
import { articleTime } from '../../src/model.js';
import type { Article } from '../../src/model.js';
import { fixtureCorpus } from './fixtures/fixture.js';
import { pairwiseScores } from './pairwise.js';

/** Groups articles through the index in arrival (time) order, as ingest would. */
function grouped(articles: Article[]): Article[][] {
  const ix = new StoryIndex();
  const byStory = new Map<string, Article[]>();
  const arrival = [...articles].sort((a, b) => articleTime(a).localeCompare(articleTime(b)) || a.id.localeCompare(b.id));
  for (const a of arrival) {
    const { story } = ix.add(a.id, Date.parse(articleTime(a)), analysisOf(a));
    byStory.set(story, [...(byStory.get(story) ?? []), a]);
  }
  return [...byStory.values()];
}

describe('StoryIndex', () => {
  it('given the multi-source fixtures arriving one by one, recovers the events as well as batch clustering (pairwise precision and recall ≥ 0.9)', () => {
    const { articles, events } = fixtureCorpus();
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    const { precision, recall } = pairwiseScores(grouped(articles), label);
    console.log(`incremental grouping of the fixtures: pairwise precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('given two earthquakes and two matches of one day, keeps each apart', () => {
    const { articles, events } = fixtureCorpus();
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    for (const g of grouped(articles)) {
      const labels = new Set(g.map((a) => label.get(a.id)));
      expect(labels.has('quake-peru') && labels.has('quake-turkey')).toBe(false);
      expect(labels.has('match-rovers') && labels.has('match-kessel')).toBe(false);
    }
  });

  it('given a story growing, keeps the id of its first article; a forced placement and a repeated add keep theirs', () => {
    const { articles, events } = fixtureCorpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const ix = new StoryIndex();
    const first = ix.add(peru[0]!.id, 0, analysisOf(peru[0]!));
    expect(first).toEqual({ story: peru[0]!.id, created: true });
    for (const a of peru.slice(1)) expect(ix.add(a.id, 1, analysisOf(a)).story).toBe(peru[0]!.id);
    expect(ix.add(peru[1]!.id, 2, analysisOf(peru[1]!))).toEqual({ story: peru[0]!.id, created: false });
    const other = articles.find((_, i) => events[i] === 'quake-turkey')!;
    expect(ix.add(other.id, 3, analysisOf(other), 'kept-id')).toEqual({ story: 'kept-id', created: false });
  });

  it('given evicted articles, no longer joins their story', () => {
    const { articles, events } = fixtureCorpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const ix = new StoryIndex();
    ix.add(peru[0]!.id, 0, analysisOf(peru[0]!));
    ix.evict(1);
    expect(ix.size).toBe(0);
    expect(ix.add(peru[1]!.id, 5, analysisOf(peru[1]!)).created).toBe(true);
  });

  it('given a thousand identical copies, puts them in one story', () => {
    const { articles } = fixtureCorpus();
    const an = analysisOf(articles[0]!);
    const ix = new StoryIndex();
    const stories = new Set(Array.from({ length: 1000 }, (_, i) => ix.add(`copy${i}`, i, an).story));
    expect(stories.size).toBe(1);
  });
});
