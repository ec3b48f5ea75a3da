import { describe, expect, it } from 'vitest';
import { frequentWords, storeTopicSource } from '../../../src/bots/discord/topic-source.js';
import type { Article, Subscription } from '../../../src/model.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';

const NOW = new Date('2025-03-10T09:00:00.000Z');

function article(id: string, title: string, hoursAgo: number): Article {
  const t = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return { id, url: null, title, text: 'Body text.', description: null, byline: null, published: t, fetchedAt: t, source: 's', language: 'en', feedId: null };
}

function subscription(topics: string[], mutes: string[]): Subscription {
  return {
    id: 'discord:300', platform: 'discord', chatId: '300', scope: 'discord:200', active: true, times: ['08:00'], weekdays: null,
    timezone: 'UTC', topics, mutes, maxStories: 10, paused: null, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), lastDigestAt: null,
  };
}

describe('frequentWords', () => {
  it('given headlines, returns words of 4+ letters by how many headlines use them, without stop words', () => {
    expect(frequentWords(['Harbour plan vote', 'Harbour strike ends', 'Strike over: harbour reopens', 'They said that'])).toEqual([
      'harbour', 'strike', 'ends', 'plan', 'reopens', 'vote',
    ]);
  });
});

describe('storeTopicSource', () => {
  it('given a chat with topics and recent headlines, returns its own words first, then headline words matching the prefix', async () => {
    const store = createMemoryStore();
    await store.putSubscription(subscription(['energy'], ['elections']));
    await store.addArticles([article('a1', 'Energy prices fall', 1), article('a2', 'Economy grows again', 2), article('a3', 'Economy slows', 100)]);
    const source = storeTopicSource(store, { clock: () => NOW });
    expect(await source.topics('200', '300', 'e')).toEqual(['energy', 'elections', 'economy', 'prices']);
    expect(await source.topics('200', '300', 'ice')).toEqual(['prices']);
  });

  it('given a chat without a subscription, still suggests headline words', async () => {
    const store = createMemoryStore();
    await store.addArticles([article('a1', 'Tram extension approved', 1)]);
    expect(await storeTopicSource(store, { clock: () => NOW }).topics('g', 'c', 'tr')).toEqual(['tram']);
  });
});
