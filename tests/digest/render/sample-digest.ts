import type { Digest, Story } from '../../../src/digest/types.js';

/** A story with plain, readable content; override what a test is about. */
export function sampleStory(n: number, over: Partial<Story> = {}): Story {
  return {
    id: `id${n}`,
    title: `Story number ${n} headline`,
    summary: [`First fact of story ${n}.`, `Second fact of story ${n}.`],
    sources: [
      { name: 'Harbour Gazette', url: `https://harbour.example/${n}`, title: `Story ${n}` },
      { name: 'Valley Times', url: `https://valley.example/${n}`, title: `Story ${n} (Valley)` },
    ],
    articles: 2,
    updated: '2026-11-28T07:30:00.000Z',
    ...over,
  };
}

export function sampleDigest(stories: Story[], topics: string[] = []): Digest {
  return {
    generatedAt: '2026-11-28T08:00:00.000Z',
    window: { from: '2026-11-27T08:00:00.000Z', to: '2026-11-28T08:00:00.000Z' },
    stories,
    topics,
  };
}
