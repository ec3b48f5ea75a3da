import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { withStories } from '../../src/stories/story-keeper.js';
import { chatDigest, subscriptionDigest } from '../../src/bots/commands/chat-digest.js';
import { ANALYSIS_VERSION } from '../../src/digest/analysis.js';
import { renderText } from '../../src/digest/render/text.js';
import { renderTelegram } from '../../src/bots/telegram/render.js';
import type { Article, Subscription } from '../../src/model.js';
import { FIXTURE_NOW, fixtureCorpus } from '../digest/fixtures/fixture.js';

const NOW = FIXTURE_NOW;
const DAY = 86_400_000;
const window = { from: new Date(NOW.getTime() - DAY), to: NOW };
const opts = { scope: 'telegram:1', ...window, topics: [] as string[], mutes: [] as string[], maxStories: 50, timezone: 'UTC' };

function corpus(): { articles: Article[]; events: string[] } {
  return fixtureCorpus();
}

function sub(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 'telegram:1', platform: 'telegram', chatId: '1', scope: 'telegram:1', active: true, times: ['08:00'], weekdays: null, timezone: 'UTC',
    topics: [], mutes: [], maxStories: 50, paused: null, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), lastDigestAt: null, ...over,
  };
}

async function storeWith(articles: Article[]): Promise<Store> {
  const store = withStories(createMemoryStore(), { now: () => NOW });
  await store.addArticles(articles);
  return store;
}

describe('stories kept at ingest', () => {
  it('given articles stored through the keeper, stores each with its analysis and groups the events into stories', async () => {
    const { articles, events } = corpus();
    const store = await storeWith(articles);
    expect((await store.getArticle(articles[0]!.id))?.analysis?.v).toBe(ANALYSIS_VERSION);
    const stories = await store.listStories({ from: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    expect(stories).toHaveLength(new Set(events).size);
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    for (const s of stories) expect(new Set(s.members.map((m) => label.get(m.id))).size).toBe(1);
  });

  it('given a new article of a known event, it joins that story: same id, one more article, version up; other stories untouched', async () => {
    const { articles, events } = corpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const rest = articles.filter((_, i) => events[i] !== 'quake-peru');
    const store = await storeWith([...rest, ...peru.slice(0, -1)]);
    const before = await store.listStories();
    const peruStory = before.find((s) => s.members.some((m) => m.id === peru[0]!.id))!;
    await store.addArticles([peru.at(-1)!]);
    const after = await store.getStory(peruStory.id);
    expect(after?.members.map((m) => m.id)).toEqual([...peruStory.members.map((m) => m.id), peru.at(-1)!.id]);
    expect(after?.version).toBe(peruStory.version + 1);
    const others = (await store.listStories()).filter((s) => s.id !== peruStory.id);
    expect(others).toEqual(before.filter((s) => s.id !== peruStory.id));
  });

  it('given articles stored directly (an older data folder), digests still see them as stories', async () => {
    const { articles, events } = corpus();
    const store = createMemoryStore();
    await store.addArticles(articles);
    const { digest } = await chatDigest(store, opts, NOW);
    const inWindow = new Set(events.filter((_, i) => Date.parse(articles[i]!.published!) >= window.from.getTime()));
    expect(digest.stories.length).toBe(inWindow.size);
  });
});

describe('digests from kept stories', () => {
  it('given the same window twice with a new article in between, story ids stay the same and the story grows', async () => {
    const { articles, events } = corpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const store = await storeWith(articles.filter((a) => a !== peru.at(-1)));
    const first = (await chatDigest(store, opts, NOW)).digest;
    await store.addArticles([peru.at(-1)!]);
    const second = (await chatDigest(store, opts, NOW)).digest;
    expect(new Set(second.stories.map((s) => s.id))).toEqual(new Set(first.stories.map((s) => s.id)));
    const id = first.stories.find((s) => s.sources.some((src) => src.url === peru[0]!.url))!.id;
    expect(second.stories.find((s) => s.id === id)!.articles).toBe(first.stories.find((s) => s.id === id)!.articles + 1);
  });

  it('given a scheduled digest sent, the next one leaves its stories out unless they changed, and marks a changed one with what is new', async () => {
    const { articles, events } = corpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const store = await storeWith(articles.filter((a) => a !== peru.at(-1)));
    const first = await subscriptionDigest(store, sub(), window, NOW);
    expect(first.digest.stories.length).toBeGreaterThan(3);
    await first.record!();
    const again = await subscriptionDigest(store, sub(), window, NOW);
    expect(again.digest.stories).toEqual([]);
    await store.addArticles([peru.at(-1)!]);
    const third = await subscriptionDigest(store, sub(), window, NOW);
    expect(third.digest.stories).toHaveLength(1);
    const story = third.digest.stories[0]!;
    expect(first.digest.stories.map((s) => s.id)).toContain(story.id);
    expect(story.update).toEqual({ articles: 1, sources: peru.slice(0, -1).some((a) => a.source === peru.at(-1)!.source) ? [] : [peru.at(-1)!.source] });
    expect(renderText(third.digest)).toContain('Updated: 1 new article');
    expect(renderTelegram(third.digest).join('\n')).toContain('\n<i>Updated: 1 new article');
    // On demand, /digest shows the current top stories as now, history or not.
    expect((await chatDigest(store, opts, NOW)).digest.stories.length).toBe(first.digest.stories.length);
  });

  it('given a chat with its own feed, another chat does not see that feed, and a mixed story shows only what each may see under one id', async () => {
    const { articles, events } = corpus();
    const peru = articles.filter((_, i) => events[i] === 'quake-peru');
    const store = withStories(createMemoryStore(), { now: () => NOW });
    await store.putFeed({ id: 'mine', url: 'https://x.example/rss', title: null, scope: 'telegram:2', createdAt: NOW.toISOString(), etag: null, lastModified: null, lastFetchedAt: null, lastOkAt: null, failures: 0, lastError: null, disabled: false, ttlMinutes: null, nextFetchAt: null, itemCount: 0 });
    await store.addArticles(peru.map((a, i) => (i === peru.length - 1 ? { ...a, feedId: 'mine' } : a)));
    const one = (await chatDigest(store, opts, NOW)).digest.stories;
    const two = (await chatDigest(store, { ...opts, scope: 'telegram:2' }, NOW)).digest.stories;
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(1);
    expect(one[0]!.id).toBe(two[0]!.id);
    expect(one[0]!.articles).toBe(peru.length - 1);
    expect(two[0]!.articles).toBe(peru.length);
    expect(one[0]!.sources.map((s) => s.url)).not.toContain(peru.at(-1)!.url);
  });

  it('given topics and mutes, keeps only stories with a matching article and leaves muted articles out', async () => {
    const { articles } = corpus();
    const store = await storeWith(articles);
    const all = (await chatDigest(store, opts, NOW)).digest.stories;
    const quakes = (await chatDigest(store, { ...opts, topics: ['earthquake'] }, NOW)).digest.stories;
    expect(quakes.length).toBeGreaterThan(0);
    expect(quakes.length).toBeLessThan(all.length);
    for (const s of quakes) expect(`${s.title} ${s.summary.join(' ')}`.toLowerCase()).toMatch(/earthquake|quake/);
    const muted = (await chatDigest(store, { ...opts, mutes: ['earthquake'] }, NOW)).digest.stories;
    expect(muted.length).toBeLessThan(all.length);
    for (const s of muted) expect(`${s.title} ${s.summary.join(' ')}`.toLowerCase()).not.toContain('earthquake');
  });

  it('given many chats with the same window and scope, the shared work is done once', async () => {
    const { articles } = corpus();
    const store = await storeWith(articles);
    let feedLists = 0;
    const counting: Store = Object.create(store, { listFeeds: { value: () => (feedLists++, store.listFeeds()) } }) as Store;
    // The builder is per store; count on one shared by the chats.
    const { StoryDigests } = await import('../../src/stories/story-digests.js');
    const { keeperFor } = await import('../../src/stories/story-keeper.js');
    const builder = new StoryDigests(counting, keeperFor(store));
    const digests = await Promise.all(Array.from({ length: 50 }, () => builder.build(opts, NOW)));
    expect(feedLists).toBe(1);
    expect(new Set(digests.map((d) => JSON.stringify(d.digest.stories))).size).toBe(1);
  });
});
