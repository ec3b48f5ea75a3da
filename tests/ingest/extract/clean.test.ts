import { describe, expect, it } from 'vitest';
import { comparable, dedupeParagraphs, isChromeLine } from '../../../src/ingest/extract/clean.js';

describe('isChromeLine', () => {
  it.each([
    'Skip to main content', 'Latest news', 'Thumbnail', 'Share this post', 'Advertisement', 'Read more', 'Related articles',
    'Photo: Anna Berg / Valley Times', '(Getty Images)', 'Image copyright Reuters', 'Sign up for our newsletter to get the best stories every morning.',
    'We use cookies to improve your experience. By continuing to use this site you agree.', 'Follow us on Instagram', '© 2024 Valley Times',
    'Teilen', 'Compartir', 'Поделиться', '関連記事',
  ])('given the chrome line %j, returns true', (line) => {
    expect(isChromeLine(line)).toBe(true);
  });

  it.each([
    '"I have done what I could."', 'Yes.', 'The share price fell 4% on Monday after the results.', 'Sources close to the minister said the plan was dead.',
    'Photographers gathered outside the court on Tuesday morning.', 'Related parties must disclose their holdings, the regulator said.',
  ])('given the article line %j, returns false', (line) => {
    expect(isChromeLine(line)).toBe(false);
  });
});

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
