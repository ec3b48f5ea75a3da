import { describe, expect, it } from 'vitest';
import { comparable, dedupeParagraphs } from '../../../src/ingest/extract/clean.js';

describe('dedupeParagraphs', () => {
  const a = 'The council approved the tram line on Tuesday after a decade of debate about the harbour district.';
  const b = "\"We didn't expect this many people,\" said the festival director, Marta Lind.";
  it('given a repeat that differs only in quotes, dashes and spaces, keeps the first', () => {
    expect(dedupeParagraphs([a, b, a.replace('  ', ' '), '“We didn’t expect this many people,”  said the festival director, Marta Lind.'])).toEqual([a, b]);
  });

  it('given a copy cut short with an ellipsis, drops it; given the full text after a cut-short one, keeps the full text in its place', () => {
    expect(dedupeParagraphs([a, 'The council approved the tram line on Tuesday after a decade of…'])).toEqual([a]);
    expect(dedupeParagraphs(['The council approved the tram line on Tuesday after a decade of debate', b, a])).toEqual([a, b]);
  });

  it('given short lines that recur on their own, keeps them; inside a repeated body, drops the repeat', () => {
    expect(dedupeParagraphs(['Yes.', a, 'Yes.'])).toEqual(['Yes.', a, 'Yes.']);
    expect(dedupeParagraphs([a, 'Yes.', b, a, 'Yes.', b])).toEqual([a, 'Yes.', b]);
  });

  it('given different paragraphs sharing some words, keeps both', () => {
    const c = 'The council approved the bus lane on Wednesday after a short debate about cyclists.';
    expect(dedupeParagraphs([a, c])).toEqual([a, c]);
  });
});

describe('comparable', () => {
  it('given curly quotes, dashes and an ellipsis, returns the plain lower-case form', () => {
    expect(comparable('“It’s over” — he said…')).toBe('"it\'s over" - he said...');
  });
});
