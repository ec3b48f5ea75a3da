import { describe, expect, it } from 'vitest';
import { withPictures } from '../../src/digest/pictures.js';
import type { Article } from '../../src/model.js';
import type { Digest } from '../../src/digest/types.js';

const art = (url: string, image?: string): Article => ({ id: url.slice(-16).padStart(16, '0'), url, title: 't', text: 'x', description: null, byline: null, published: null, fetchedAt: '2026-03-02T00:00:00.000Z', source: 's', language: null, feedId: null, ...(image ? { image } : {}) });
const digest: Digest = {
  generatedAt: '2026-03-02T00:00:00.000Z', window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }, topics: [],
  stories: [
    { id: '1', title: 'A', summary: [], articles: 2, updated: '2026-03-02T00:00:00.000Z', sources: [{ name: 'Lead', url: 'https://a.example/1', title: 'A' }, { name: 'Other', url: 'https://b.example/1', title: 'A' }] },
    { id: '2', title: 'B', summary: [], articles: 1, updated: '2026-03-02T00:00:00.000Z', sources: [{ name: 'Lead', url: 'https://a.example/2', title: 'B' }] },
  ],
};

describe('withPictures', () => {
  it("given the lead has no picture but another source does, uses that one; a story with none gets none", () => {
    const out = withPictures(digest, [art('https://a.example/1'), art('https://b.example/1', 'https://cdn.example/b.jpg'), art('https://a.example/2')]);
    expect(out.stories[0]!.image).toBe('https://cdn.example/b.jpg');
    expect('image' in out.stories[1]!).toBe(false);
  });
  it("prefers the lead's picture", () => {
    const out = withPictures(digest, [art('https://a.example/1', 'https://cdn.example/a.jpg'), art('https://b.example/1', 'https://cdn.example/b.jpg')]);
    expect(out.stories[0]!.image).toBe('https://cdn.example/a.jpg');
  });
});
