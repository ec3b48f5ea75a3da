import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { StoryKeeper } from '../../src/stories/story-keeper.js';
import { FIXTURE_NOW, fixtureCorpus } from '../digest/fixtures/fixture.js';

const NOW = FIXTURE_NOW;
const FROM = new Date(NOW.getTime() - 86_400_000);

/** A memory store whose article counts are counted, and held back until `release` when `hold` is set. */
function countingStore(): { store: Store; counts: () => number; hold(): void; release(): void } {
  const inner = createMemoryStore();
  let counts = 0;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const store = Object.create(inner, {
    countArticles: {
      value: async () => {
        counts++;
        const n = await inner.countArticles(); // taken now, answered once the gate opens
        if (gate) await gate.promise;
        return n;
      },
    },
  }) as Store;
  return {
    store,
    counts: () => counts,
    hold() {
      let open = (): void => undefined;
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
  };
}

describe('story keeper: checking the store for articles stored elsewhere', () => {
  it('given 50 chats asking for the same window at once, counts the stored articles once for all of them', async () => {
    const { articles } = fixtureCorpus();
    const c = countingStore();
    await c.store.addArticles(articles);
    const keeper = new StoryKeeper(c.store, { now: () => NOW });
    const first = await keeper.storiesIn(FROM, NOW);
    const before = c.counts();
    const lists = await Promise.all(Array.from({ length: 50 }, () => keeper.storiesIn(FROM, NOW)));
    expect(c.counts() - before).toBe(1);
    for (const l of lists) expect(l.map((s) => s.id)).toEqual(first.map((s) => s.id));
  });

  it('given an article stored elsewhere while a check is under way, a call made after it checks again and sees it', async () => {
    const { articles } = fixtureCorpus();
    const late = articles.at(-1)!;
    const c = countingStore();
    await c.store.addArticles(articles.slice(0, -1));
    const keeper = new StoryKeeper(c.store, { now: () => NOW });
    await keeper.storiesIn(FROM, NOW);
    c.hold();
    const early = keeper.storiesIn(FROM, NOW); // its check counts before the article below is stored
    await new Promise((r) => setImmediate(r));
    await c.store.addArticles([late]);
    const after = keeper.storiesIn(FROM, NOW);
    c.release();
    const ids = (list: Awaited<typeof early>): string[] => list.flatMap((s) => s.members.map((m) => m.id));
    expect(ids(await early)).not.toContain(late.id);
    expect(ids(await after)).toContain(late.id);
  });
});
