import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { clusterArticles } from '../../src/digest/cluster.js';
import { splitSentences } from '../../src/digest/sentences.js';
import type { Article } from '../../src/model.js';
import { NEWS, type LanguageFixtures, type NewsFixture } from '../fixtures/languages/news.js';
import { FIXTURE_NOW, fixtureCorpus } from './fixtures/fixture.js';

const HOUR = 3_600_000;

function article(f: NewsFixture, language: string, id: string, hoursAgo: number): Article {
  const t = new Date(FIXTURE_NOW.getTime() - hoursAgo * HOUR).toISOString();
  return { id, url: `https://${language}.example/${id}`, title: f.title, text: f.text, description: null, byline: null, published: t, fetchedAt: t, source: f.source, language, feedId: null };
}

/** The three fixture articles of a language: same event (0, 1), another event (2). */
function trio(l: LanguageFixtures): Article[] {
  return [article(l.same, l.language, `${l.language}-same`, 3), article(l.same2, l.language, `${l.language}-same2`, 2), article(l.other, l.language, `${l.language}-other`, 1)];
}

const ids = (groups: Article[][]): string[][] => groups.map((g) => g.map((a) => a.id).sort()).sort();

describe('story grouping in other languages', () => {
  for (const l of NEWS) {
    it(`${l.language}: groups two outlets' reports of one event and keeps the other event apart`, () => {
      expect(ids(clusterArticles(trio(l)))).toEqual(ids([[trio(l)[0]!, trio(l)[1]!], [trio(l)[2]!]]));
    });
  }

  it('in one window with the English fixtures, every language pair is grouped and nothing is grouped across events', () => {
    const { articles: english, events } = fixtureCorpus();
    const label = new Map(english.map((a, i) => [a.id, events[i]!]));
    for (const l of NEWS) {
      label.set(`${l.language}-same`, `${l.language}:same`);
      label.set(`${l.language}-same2`, `${l.language}:same`);
      label.set(`${l.language}-other`, `${l.language}:other`);
    }
    const groups = clusterArticles([...english, ...NEWS.flatMap(trio)]);
    for (const g of groups) expect(new Set(g.map((a) => label.get(a.id))).size).toBe(1);
    for (const l of NEWS) {
      const g = groups.find((x) => x.some((a) => a.id === `${l.language}-same`))!;
      expect(g.map((a) => a.id).sort()).toEqual([`${l.language}-same`, `${l.language}-same2`]);
    }
  });
});

describe('digests of other languages', () => {
  for (const l of NEWS) {
    it(`${l.language}: the two-source story comes first, its summary made of whole sentences of its articles`, () => {
      const articles = trio(l);
      const d = buildDigest(articles, { now: FIXTURE_NOW, from: new Date(FIXTURE_NOW.getTime() - 24 * HOUR) });
      expect(d.stories).toHaveLength(2);
      const story = d.stories[0]!;
      expect(story.sources.map((s) => s.name).sort()).toEqual([l.same.source, l.same2.source].sort());
      const sentences = new Set([l.same, l.same2].flatMap((a) => splitSentences(a.text, l.language)));
      expect(story.summary.length).toBeGreaterThanOrEqual(2);
      for (const s of story.summary) expect(sentences).toContain(s);
    });
  }
});
