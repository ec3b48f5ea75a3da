import { describe, expect, it } from 'vitest';
import { withStories } from '../../src/stories/story-keeper.js';
import { article, NOW, story } from './fixtures.js';
import { countQueries, usePostgresStore } from '../helpers/postgres.js';

const pg = usePostgresStore('record_reads');

describe('postgres store: articles and stories read together', () => {
  it('given 60 articles asked for at once, one query answers whether each is held and one reads them, missing ones null, each caller its own copy', async () => {
    const store = pg.store;
    const stored = Array.from({ length: 40 }, () => article());
    await store.addArticles(stored);
    const ids = [...stored.map((a) => a.id), ...Array.from({ length: 20 }, (_, i) => `missing${i}`), stored[3]!.id];
    const seen = countQueries(store);
    const held = await Promise.all(ids.map((id) => store.hasArticle(id)));
    const got = await Promise.all(ids.map((id) => store.getArticle(id)));
    expect(seen.get('read articles')).toBe(2);
    expect(held).toEqual(ids.map((_, i) => i < 40 || i === 60));
    got.forEach((a, i) => expect(a).toEqual(i < 40 ? stored[i] : i === 60 ? stored[3] : null));
    expect(got[60]).not.toBe(got[3]);
  });

  it('given stories asked for at once, one query reads them; a read asked after a write sees it', async () => {
    const store = pg.store;
    const stories = Array.from({ length: 30 }, (_, i) => story({ id: `story${i}` }));
    await store.putStories(stories);
    const seen = countQueries(store);
    const got = await Promise.all([...stories.map((s) => store.getStory(s.id)), store.getStory('nope')]);
    expect(seen.get('read stories')).toBe(1);
    expect(got).toEqual([...stories, null]);
    await store.putStories([{ ...stories[0]!, version: 9 }]);
    expect((await store.getStory('story0'))?.version).toBe(9);
    expect(seen.get('read stories')).toBe(2);
  });

  it('given a batch of 50 new articles ingested through the story keeper, their check and their stories cost a few queries, not one each', async () => {
    const store = pg.store;
    const keeper = withStories(store, { now: () => NOW });
    const seen = countQueries(store);
    const res = await keeper.addArticles(Array.from({ length: 50 }, (_, i) => article({ title: `Unrelated headline number ${i} about item ${i * 7919}`, text: `Body ${i} ${'word'.repeat(3)} ${i * 104729}.` })));
    expect(res.added).toHaveLength(50);
    expect(seen.get('read articles')).toBe(1);
    expect(seen.get('read stories') ?? 0).toBeLessThanOrEqual(1);
    expect((await store.listStories()).length).toBeGreaterThan(0);
  });
});
