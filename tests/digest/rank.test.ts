import { describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/digest/cluster.js';
import { rankGroups } from '../../src/digest/rank.js';
import { FIXTURE_NOW, fixtureCorpus } from './fixtures/fixture.js';

describe('rankGroups', () => {
  const { articles, events } = fixtureCorpus();
  const of = (name: string): number[] => events.flatMap((e, i) => (e === name ? [i] : []));
  const ix = indexArticles(articles);

  it('ranks more sources above fewer, and recent above old', () => {
    const fire = of('fire-sierra'); // 4 sources, 1-3 hours old
    const vela = of('election-vela'); // 2 sources, 15 hours old
    const bridge = of('bridge-haldor'); // 1 source
    const ranked = rankGroups([bridge, vela, fire], articles, ix, { now: FIXTURE_NOW, maxStories: 3 });
    expect(ranked).toEqual([fire, vela, bridge]);
  });

  it('given one event split in two groups, demotes the second behind a different story', () => {
    const fire = of('fire-sierra');
    const [a, b] = [fire.slice(0, 2), fire.slice(2)];
    const vela = of('election-vela');
    const ranked = rankGroups([a, b, vela], articles, ix, { now: FIXTURE_NOW, maxStories: 2 });
    expect(ranked).toHaveLength(2);
    expect(ranked).toContainEqual(vela);
  });

  it('given topic hits, prefers stories naming the topic in their headlines', () => {
    const vela = of('election-vela');
    const tram = of('tram');
    const hits = (t: string): number => (/tram/i.test(t) ? 1 : 0);
    expect(rankGroups([vela, tram], articles, ix, { now: FIXTURE_NOW, maxStories: 1, topicHits: hits })).toEqual([tram]);
  });

  it('given maxStories 0 or no groups, returns nothing', () => {
    expect(rankGroups([of('tram')], articles, ix, { now: FIXTURE_NOW, maxStories: 0 })).toEqual([]);
    expect(rankGroups([], articles, ix, { now: FIXTURE_NOW, maxStories: 5 })).toEqual([]);
  });
});
