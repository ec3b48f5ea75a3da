import { describe, expect, it } from 'vitest';
import { buildDigest, emptyDigestText } from '../../src/digest/build.js';
import type { Article } from '../../src/model.js';
import { FIXTURE_NOW, fixtureCorpus } from './fixtures/fixture.js';

const DAY = 86_400_000;
const from = new Date(FIXTURE_NOW.getTime() - DAY);

describe('buildDigest', () => {
  it('given the fixture window, returns ten stories, multi-source events first, no event twice', () => {
    const { articles, events } = fixtureCorpus();
    const label = new Map(articles.map((a, i) => [a.id, events[i]!]));
    const d = buildDigest(articles, { now: FIXTURE_NOW, from });
    expect(d.stories).toHaveLength(10);
    expect(d.window).toEqual({ from: from.toISOString(), to: FIXTURE_NOW.toISOString() });
    expect(d.generatedAt).toBe(FIXTURE_NOW.toISOString());
    expect(d.stories[0]!.sources.length).toBeGreaterThanOrEqual(3);
    expect(d.stories.every((s) => s.sources.length >= 2)).toBe(true);
    const storyEvents = d.stories.map((s) => label.get(s.id));
    expect(new Set(storyEvents).size).toBe(storyEvents.length);
  });

  it('given topics and mutes, keeps matching stories and drops muted ones, and records the topics', () => {
    const { articles } = fixtureCorpus();
    const d = buildDigest(articles, { now: FIXTURE_NOW, from, topics: ['Earthquake', 'central bank'], mutes: ['turkey'] });
    expect(d.topics).toEqual(['earthquake', 'central bank']);
    const titles = d.stories.map((s) => s.title).join(' | ');
    expect(titles).toMatch(/Arequipa|Peru/);
    expect(titles).toMatch(/Nordmark/);
    expect(titles).not.toMatch(/Malatya|Turkey/);
    expect(titles).not.toMatch(/Rovers|Lumina/);
  });

  it('given maxStories and summarySentences, respects both', () => {
    const { articles } = fixtureCorpus();
    const d = buildDigest(articles, { now: FIXTURE_NOW, from, maxStories: 3, summarySentences: 2 });
    expect(d.stories).toHaveLength(3);
    for (const s of d.stories) expect(s.summary.length).toBeLessThanOrEqual(2);
  });

  it('given one event reported many times plus others, does not let it fill the digest', () => {
    const { articles, events } = fixtureCorpus();
    const fire = articles.filter((_, i) => events[i] === 'fire-sierra');
    const floods: Article[] = [];
    for (let k = 0; k < 30; k++) floods.push(...fire.map((a) => ({ ...a, id: `${a.id}-${k}`, source: `${a.source} ${k}` })));
    const d = buildDigest([...articles, ...floods], { now: FIXTURE_NOW, from, maxStories: 5 });
    expect(d.stories.filter((s) => /Sierra Alta|San Benedetto/.test(s.title))).toHaveLength(1);
  });

  it('given no articles in the window, returns a valid empty digest and a friendly line', () => {
    const { articles } = fixtureCorpus();
    const d = buildDigest(articles, { now: FIXTURE_NOW, from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') });
    expect(d.stories).toEqual([]);
    expect(emptyDigestText(d, 'Europe/Berlin')).toBe('No new stories since Tue 1 Dec, 01:00 CET.');
    expect(emptyDigestText(d)).toBe('No new stories since Tue 1 Dec, 00:00 UTC.');
  });

  it('given backfill articles only, returns no stories', () => {
    const { articles } = fixtureCorpus();
    const d = buildDigest(articles.map((a) => ({ ...a, backfill: true as const })), { now: FIXTURE_NOW, from });
    expect(d.stories).toEqual([]);
  });
});
