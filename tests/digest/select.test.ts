import { describe, expect, it } from 'vitest';
import { phraseMatcher, selectArticles } from '../../src/digest/select.js';
import type { Article } from '../../src/model.js';

const base: Article = {
  id: 'a', url: null, title: 'Trams to the docks', text: 'The council voted for climate action.', description: null, byline: null,
  published: '2026-11-28T06:00:00.000Z', fetchedAt: '2026-11-28T06:05:00.000Z', source: 'S', language: 'en', feedId: null,
};
const art = (over: Partial<Article>): Article => ({ ...base, ...over });
const window = { from: new Date('2026-11-28T00:00:00Z'), to: new Date('2026-11-28T12:00:00Z') };

describe('phraseMatcher', () => {
  it('matches whole words case-insensitively, not parts of words', () => {
    const m = phraseMatcher(['tram']);
    expect(m('A TRAM line')).toBe(1);
    expect(m('Trams and tramways')).toBe(0);
  });

  it('matches multiword phrases across spaces and hyphens, and counts phrases', () => {
    const m = phraseMatcher(['climate change', 'ai']);
    expect(m('Climate  change and AI')).toBe(2);
    expect(m('climate-change')).toBe(1);
    expect(m('change climate, said')).toBe(0);
  });

  it('treats regex characters in user input as plain text', () => {
    expect(phraseMatcher(['c++', '.*'])('we write C++ code')).toBe(1);
    expect(phraseMatcher(['(', '.*'])('anything at all')).toBe(0);
  });
});

describe('selectArticles', () => {
  it('given articles around the window, keeps those with articleTime in [from, to)', () => {
    const list = [
      art({ id: 'in', published: '2026-11-28T00:00:00.000Z' }),
      art({ id: 'end', published: '2026-11-28T12:00:00.000Z', fetchedAt: '2026-11-28T12:00:00.000Z' }),
      art({ id: 'before', published: '2026-11-27T23:59:59.000Z' }),
      art({ id: 'future-published', published: '2026-11-29T00:00:00.000Z', fetchedAt: '2026-11-28T01:00:00.000Z' }),
    ];
    expect(selectArticles(list, window).map((a) => a.id)).toEqual(['in', 'future-published']);
  });

  it('skips backfill articles and repeated ids', () => {
    expect(selectArticles([art({ id: 'x', backfill: true }), art({ id: 'y' }), art({ id: 'y' })], window).map((a) => a.id)).toEqual(['y']);
  });

  it('given topics, keeps articles mentioning one in title or text; given mutes, drops any mentioning one', () => {
    const list = [art({ id: 'tram' }), art({ id: 'other', title: 'Ferry fares', text: 'Prices rise.' }), art({ id: 'muted', title: 'Tram crash', text: 'Police said.' })];
    expect(selectArticles(list, { ...window, topics: ['tram', 'trams'], mutes: ['police'] }).map((a) => a.id)).toEqual(['tram']);
    expect(selectArticles(list, { ...window, topics: ['climate action'] }).map((a) => a.id)).toEqual(['tram']);
  });
});
