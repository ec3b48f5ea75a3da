import { describe, expect, it } from 'vitest';
import { buildStory } from '../../src/digest/story.js';
import { contentTerms } from '../../src/digest/terms.js';
import { fixtureCorpus } from './fixtures/fixture.js';

const event = (name: string) => {
  const { articles, events } = fixtureCorpus();
  return articles.filter((_, i) => events[i] === name);
};

describe('buildStory', () => {
  it('given one event from three sources, returns a clean headline, sources lead first, count and latest time', () => {
    const group = event('quake-peru');
    const story = buildStory(group, {});
    expect(story.title).not.toMatch(/UPDATE|Lima Daily|\|/);
    expect(story.articles).toBe(3);
    expect(story.sources.map((s) => s.name).sort()).toEqual(['Andes Post', 'Lima Daily', 'Wire Global']);
    // The lead is the article the headline came from; the id is the story's first article's (stable as it grows).
    const lead = group.find((a) => a.title.includes(story.title))!;
    expect(story.sources[0]).toEqual({ name: lead.source, url: lead.url, title: lead.title });
    expect(story.id).toBe(group[0]!.id);
    expect(story.updated).toBe(group.map((a) => a.published!).sort().at(-1));
  });

  it('given a summary length, returns that many whole sentences from the articles, no fact repeated', () => {
    const group = event('fire-sierra');
    const story = buildStory(group, { sentences: 3 });
    expect(story.summary).toHaveLength(3);
    const texts = group.map((a) => a.text).join('\n');
    for (const s of story.summary) {
      expect(texts).toContain(s);
      expect(s).toMatch(/[.!?"”]$/);
    }
    for (let i = 0; i < story.summary.length; i++) {
      for (let j = i + 1; j < story.summary.length; j++) {
        const a = new Set(contentTerms(story.summary[i]!));
        const b = new Set(contentTerms(story.summary[j]!));
        const shared = [...b].filter((t) => a.has(t)).length;
        expect(shared / Math.min(a.size, b.size)).toBeLessThan(0.5);
      }
    }
  });

  it('given copies of one wire story, never repeats a sentence', () => {
    const story = buildStory(event('recall'), { sentences: 4 });
    expect(new Set(story.summary).size).toBe(story.summary.length);
    expect(story.summary.some((s) => /^Advertisement|^Read more/.test(s))).toBe(false);
  });

  it('given two articles from one source, lists that source once', () => {
    const [a] = event('tram');
    const story = buildStory([a!, { ...a!, id: 'second', url: 'https://harbour.example/2', title: 'Tram vote: reaction' }]);
    expect(story.sources).toHaveLength(1);
    expect(story.articles).toBe(2);
  });

  it('given a single article, uses its cleaned title and id', () => {
    const [a] = event('strike-teachers');
    const story = buildStory([{ ...a!, title: `UPDATE: ${a!.title} | Labour Weekly` }]);
    expect(story).toMatchObject({ id: a!.id, title: a!.title, articles: 1 });
  });
});
