import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../src/digest/sentence-features.js';
import { analyze, contentTerms, normalizeNumber, term, tokenize } from '../../src/digest/terms.js';
import { wordTokens } from '../../src/digest/tokens.js';

describe('stop words per language', () => {
  it('drops each language’s own function words', () => {
    expect(contentTerms('Die Regierung und der Bundestag', 'de')).toEqual(contentTerms('Regierung Bundestag', 'de'));
    expect(contentTerms('Le maire et les habitants', 'fr')).toEqual(contentTerms('maire habitants', 'fr'));
    expect(contentTerms('El alcalde y los vecinos', 'es')).toEqual(contentTerms('alcalde vecinos', 'es'));
    expect(contentTerms('Мэр и жители города', 'ru')).toEqual(contentTerms('Мэр жители города', 'ru'));
    expect(contentTerms('دولت از برنامه جدید خبر داد', 'fa')).toEqual(contentTerms('دولت برنامه', 'fa'));
    expect(contentTerms('أعلنت الحكومة عن خطة', 'ar')).toEqual(contentTerms('الحكومة خطة', 'ar'));
  });

  it('never applies English stop words to other languages', () => {
    // German "Most" (cider) is a word; English "most" is a function word.
    expect(contentTerms('Der Most ist süß', 'de')).toContain(term('most', 'de'));
    expect(term('most', 'de')).not.toBeNull();
    expect(term('most', 'en')).toBeNull();
    // Spanish "su" and French "son" (his) are function words in their language, not in English.
    expect(term('su', 'es')).toBeNull();
    expect(term('son', 'fr')).toBeNull();
    expect(term('son', 'en')).toBe('son');
  });

  it('keeps English (and unknown) text on the English lists', () => {
    expect(contentTerms('The council said it would close the library', 'en')).toEqual(['council', 'close', 'library']);
    expect(contentTerms('The council said it would close the library')).toEqual(['council', 'close', 'library']);
  });

  it('scores sentences with the language’s stop words', () => {
    // "und" is a German function word: a sentence of only function words has no density.
    const [f] = sentenceFeatures(['und der die das'], 'Titel', 'de');
    expect(f!.density).toBe(0);
    const [g] = sentenceFeatures(['und der die das'], 'Titel', 'en');
    expect(g!.density).toBeGreaterThan(0);
  });
});

describe('stemming per language', () => {
  it('brings inflected forms of one word together', () => {
    expect(term('москве', 'ru')).toBe(term('москву', 'ru'));
    expect(term('собянина', 'ru')).toBe(term('собянин', 'ru'));
    expect(term('metern', 'de')).toBe(term('meter', 'de'));
    expect(term('blessées', 'fr')).toBe(term('blessés', 'fr'));
    expect(term('heridas', 'es')).toBe(term('heridos', 'es'));
  });
  it('drops French elisions', () => {
    expect(term("l'incendie", 'fr')).toBe(term('incendie', 'fr'));
    expect(term("d'habitants", 'fr')).toBe(term('habitants', 'fr'));
  });
  it('drops Persian affixes written after a non-joiner', () => {
    expect(term('خانواده‌ها', 'fa')).toBe(term('خانواده', 'fa'));
    expect(term('هلال‌احمر', 'fa')).toBe('هلالاحمر');
  });
});

describe('Unicode-aware tokens', () => {
  it('keeps Arabic diacritics inside the word and matches the bare spelling', () => {
    expect(tokenize('مدينة دَرْنة')).toEqual(['مدينة', 'دَرْنة']);
    expect(wordTokens('مدينة دَرْنة')).toEqual(['مدينة', 'دَرْنة']);
    expect(term('دَرْنة', 'ar')).toBe(term('درنة', 'ar'));
  });
  it('keeps a Persian word with a non-joiner as one token', () => {
    expect(tokenize('زمین‌لرزه‌ای شدید')).toEqual(['زمین‌لرزه‌ای', 'شدید']);
    expect(wordTokens('زمین‌لرزه‌ای شدید')).toEqual(['زمین‌لرزه‌ای', 'شدید']);
  });
  it('keeps Devanagari vowel signs inside the word', () => {
    expect(tokenize('सरकार ने घोषणा की')).toEqual(['सरकार', 'ने', 'घोषणा', 'की']);
  });
  it('reads Arabic and Persian letter forms and digits alike', () => {
    expect(term('كرمان', 'fa')).toBe(term('کرمان', 'fa'));
    expect(term('۱۲', 'fa')).toBe('#12');
    expect(term('١٢', 'ar')).toBe('#12');
    expect(term('۵٫۶', 'fa')).toBe('#5.6');
  });
});

describe('numbers', () => {
  it('reads a decimal comma where the language writes one', () => {
    expect(normalizeNumber('3.000', true)).toBe('3000');
    expect(normalizeNumber('10,20', true)).toBe('10.2');
    expect(term('3.000', 'de')).toBe(term('3000', 'de'));
    expect(term('6,1', 'es')).toBe('#6.1');
  });
  it('keeps the English reading', () => {
    expect(normalizeNumber('1,200')).toBe('1200');
    expect(term('1,200', 'en')).toBe('#1200');
    expect(term('twelve', 'en')).toBe('#12');
    expect(term('twelve', 'de')).not.toBe('#12');
  });
});

describe('names in scripts without capitals', () => {
  it('counts the content words of Arabic-script text as name candidates (capitals cannot tell)', () => {
    const { content, entities } = analyze('زلزله شهر زرند در استان کرمان را لرزاند', 'fa');
    expect(entities).toEqual(content);
    expect(entities).toContain(term('زرند', 'fa'));
  });
  it('still needs capitals in Latin text', () => {
    expect(analyze('the storm hit Passau on monday', 'en').entities).toEqual(['passau']);
  });
});

describe('sentence scoring in Arabic script', () => {
  it('counts a word spelled with Arabic yeh and kaf in Persian text as the Persian stop word it is', () => {
    // "كه" (that) typed with an Arabic kaf is still the Persian function word "که".
    const [f] = sentenceFeatures(['كه'], 'عنوان', 'fa');
    expect(f!.density).toBe(0);
  });
});
