import { describe, expect, it } from 'vitest';
import { factsOf, unsupportedFacts } from '../../src/digest/faithfulness.js';

const article = 'The city council in Leeds approved a £40 million tram extension on 12 March 2026. Councillor Amira Shah said work starts in spring, with 1,200 jobs expected.';

describe('unsupportedFacts', () => {
  it('given a rewrite that reorders the facts, finds nothing unsupported', () => {
    expect(unsupportedFacts('Work on the tram starts in spring, said Amira Shah, after Leeds approved the £40 million plan on 12 March 2026; 1200 jobs are expected.', [article])).toEqual([]);
  });

  it('given an invented number, date or name, names it', () => {
    expect(unsupportedFacts('Leeds approved the extension, creating 4,700 jobs.', [article])).toEqual(['#4700']);
    expect(unsupportedFacts('Leeds approved the extension on 14 March.', [article])).toContain('#14');
    expect(unsupportedFacts('Leeds approved the extension in April.', [article])).toEqual(['april']);
    expect(unsupportedFacts('The plan was welcomed by Mayor Ortega and Amira Shah.', [article])).toEqual(expect.arrayContaining(['ortega']));
  });

  it('given number words, compares them with digits', () => {
    expect(unsupportedFacts('Shah named twelve sites.', ['Shah named 12 sites.'])).toEqual([]);
    expect(unsupportedFacts('Shah named twelve sites.', ['Shah named 13 sites.'])).toEqual(['#12']);
  });

  it('given evidence spread over several articles, accepts facts from any of them', () => {
    expect(unsupportedFacts('Leeds and Bradford both voted on Tuesday.', ['Leeds voted.', 'Bradford voted on Tuesday.'])).toEqual([]);
  });

  it('factsOf keeps names and numbers, not ordinary capitalised first words', () => {
    const facts = factsOf('Officials in Berlin counted 300 votes.');
    expect(facts).toEqual(expect.arrayContaining(['berlin', '#300']));
    expect(facts).not.toContain('official');
  });

  it('given a German story, reads both sides in German: an inflected noun is the same word, an invented place, day or number is not', () => {
    const evidence = ['Die Polizei sperrte am Montag in Köln zwei Straßen wegen eines Wasserrohrbruchs.'];
    const rewrite = 'Eine Straße in Köln war nach dem Wasserrohrbruch gesperrt.';
    expect(unsupportedFacts(rewrite, evidence)).toEqual(['straße']); // read as English, "Straße" is a name the articles lack
    expect(unsupportedFacts(rewrite, evidence, 'de')).toEqual([]);
    expect(unsupportedFacts('Die Polizei in Bonn sperrte am Dienstag 3 Straßen.', evidence, 'de').sort()).toEqual(['#3', 'bonn', 'dienstag']);
  });
});
