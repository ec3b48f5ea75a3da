import { describe, expect, it } from 'vitest';
import { candidatesWithFeeds, storyCandidates } from '../../src/digest/story-digest.js';
import type { StoryFilter } from '../../src/digest/story-digest.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { keeperFor, withStories } from '../../src/stories/story-keeper.js';
import { FIXTURE_NOW, fixtureCorpus } from './fixtures/fixture.js';

const NOW = FIXTURE_NOW;
const from = new Date(NOW.getTime() - 86_400_000);

describe('story candidates', () => {
  it('given the candidates without a chat\'s own feeds and the stories holding those feeds\' articles, gives exactly the candidates computed over the whole window', async () => {
    const { articles } = fixtureCorpus();
    // Every third article comes from one of two chat feeds.
    const store = withStories(createMemoryStore(), { now: () => NOW });
    await store.addArticles(articles.map((a, i) => (i % 3 === 0 ? { ...a, feedId: i % 2 ? 'own-a' : 'own-b' } : a)));
    const stories = await keeperFor(store).storiesIn(from, NOW);
    const filter = (admitted: (string | null)[], drop = ''): StoryFilter => ({
      from, to: NOW, admits: (f) => admitted.includes(f), verdict: (id) => ({ keep: id !== drop, titleHit: id.endsWith('a') }),
    });
    const base = storyCandidates(stories, filter([null]), NOW);
    const own = ['own-a'];
    const changed = stories.filter((s) => s.members.some((m) => m.feedId !== null && own.includes(m.feedId)));
    expect(changed.length).toBeGreaterThan(0);
    expect(candidatesWithFeeds(base, changed, filter([null, 'own-a']), NOW)).toEqual(storyCandidates(stories, filter([null, 'own-a']), NOW));
    // The own feed's articles make a difference: the shortcut is not comparing two equal lists.
    expect(storyCandidates(stories, filter([null, 'own-a']), NOW)).not.toEqual(base);
  });
});
