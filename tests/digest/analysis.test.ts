import { describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analysisOf, analyzeArticle } from '../../src/digest/analysis.js';
import { buildStory } from '../../src/digest/story.js';
import { hash32 } from '../../src/digest/minhash.js';
import { packAnalysis, unpackAnalysis } from '../../src/digest/analysis-pack.js';
import type { Article } from '../../src/model.js';
import { LEGACY_ANALYSIS, LEGACY_ARTICLE } from './fixtures/legacy-analysis.js';

const article = LEGACY_ARTICLE;
const V2 = LEGACY_ANALYSIS;

describe('stored analysis', () => {
  it('given an article, stores its analysis packed (a version, the headline and one string) at well under half the JSON of version 2', () => {
    const an = analyzeArticle(article);
    expect(Object.keys(an).sort()).toEqual(['h', 'p', 'v']);
    expect(an.v).toBe(ANALYSIS_VERSION);
    expect(JSON.stringify(an).length).toBeLessThan(JSON.stringify(V2).length / 2);
  });

  it('given a packed analysis, unpacks to what version 2 said about the same article: the same terms (hashed), candidates, sentences and lede', () => {
    const fresh = analysisOf({ ...article, analysis: analyzeArticle(article) });
    const legacy = analysisOf({ ...article, analysis: V2 });
    expect(fresh).toEqual(legacy);
    expect([...fresh.terms]).toEqual(V2.terms.map(hash32));
    expect(fresh.cands.map((c) => c.s)).toEqual(V2.cands.map((c) => c.s));
  });

  it('given an article stored by version 2, builds the same story from it as from a fresh analysis', () => {
    const other: Article = { ...article, id: 'a2', source: 'Port Daily', title: 'Tram line to reach the port, council decides', text: 'The tram line will be extended to the port, Harbour Council decided on Tuesday. Mayor Ines Okafor said 12,000 people a day would ride it.' };
    const old = buildStory([{ ...article, analysis: V2 }, other]);
    const now = buildStory([{ ...article, analysis: analyzeArticle(article) }, other]);
    expect(old).toEqual(now);
  });

  it('given a damaged packed analysis or one that does not fit the text, analyses the article again', () => {
    const good = analysisOf(article);
    const an = analyzeArticle(article);
    expect(analysisOf({ ...article, analysis: { ...an, p: an.p.slice(0, 40) } })).toEqual(good);
    expect(analysisOf({ ...article, analysis: { ...an, p: 'not base64 at all!' } })).toEqual(good);
    const shorter = { ...article, text: article.text.slice(0, 80) };
    expect(analysisOf({ ...shorter, analysis: an })).toEqual(analysisOf(shorter));
  });

  it('given a candidate whose sentence has no offset in the text, packs the sentence itself and unpacks it unchanged', () => {
    const an = { h: 'H', terms: Uint32Array.from([7, 8]), nb: 1, title: [0], keys: [], lead: [1], support: [0, 1], lede: 0 };
    const packed = packAnalysis(ANALYSIS_VERSION, { ...an, cands: [{ i: 0, s: 'Wörds not in the text.', o: -1, n: 0.5, t: [0, 1], k: [1] }] });
    expect(unpackAnalysis(packed, '')).toEqual({ ...an, cands: [{ i: 0, s: 'Wörds not in the text.', n: 0.5, t: [0, 1], k: [1] }] });
  });
});
