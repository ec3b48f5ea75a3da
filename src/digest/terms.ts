/**
 * Word-level helpers shared by clustering, ranking and story building: tokenising, a light
 * stemmer, stop words, and named entities / numbers. Pure and allocation-light, because clustering
 * runs them over every article in a window. Every function takes the text's language (ISO 639-1,
 * null for unknown = English rules): stop words, stemming and number format follow it.
 */
import { type LanguageRules, languageRules, normaliseWord } from './languages.js';
import { ENGLISH_NEWS_STOP_WORDS } from './news-words.js';

/** Words too common in English news copy to tell two events apart (see {@link languageRules} for others). */
export const STOPWORDS: ReadonlySet<string> = ENGLISH_NEWS_STOP_WORDS;

/** Number words as digits, so "twelve people" and "12 people" state the same fact. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [w, `#${i + 1}`]),
);

/**
 * Words (letters with their combining marks: Arabic vowels, Indic vowel signs), numbers with their
 * decimal point or thousands comma, and a trailing % sign; a zero-width (non-)joiner inside a
 * Persian word keeps it one word.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.,\u066b\u066c\u200c\u200d][\p{L}\p{M}\p{N}]+)*%?/gu;

/** Lower-cased word tokens of a text. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export { englishStem as stem } from './languages.js';

/**
 * Normalises a number token so "1,200", "1200" and "9%" / "9" compare equal; with a decimal comma
 * (German, French, Russian…) "3.000" is three thousand and "10,50" ten and a half.
 */
export function normalizeNumber(token: string, decimalComma = false): string {
  if (!decimalComma) return token.replace(/[,%]/g, '').replace(/\.0+$/, '');
  const n = token.replace(/[.%]/g, '').replace(',', '.');
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function computeTerm(token: string, rules: LanguageRules): string | null {
  const word = normaliseWord(token, rules.persianLetters);
  const lower = rules.elision ? word.replace(rules.elision, '') : word;
  if (isDigit(lower.charCodeAt(0))) return `#${normalizeNumber(lower, rules.decimalComma)}`;
  if (rules.english) {
    const n = NUMBER_WORDS.get(lower);
    if (n) return n;
  }
  if (lower.length < 2 || rules.newsStopWords.has(lower)) return null;
  return rules.stem(lower) || lower;
}

/** Memo of token → term per language: news vocabulary repeats, and this is the hot loop of clustering. */
const TERM_CACHES = new Map<string, Map<string, string | null>>();
const TERM_CACHE_MAX = 200_000;

/** The term function of one language (memoised): `#n` for numbers, a stem for content words, null for stop words. */
export function termFor(language: string | null | undefined): (lower: string) => string | null {
  const rules = languageRules(language);
  const key = rules.code ?? '';
  let cache = TERM_CACHES.get(key);
  if (!cache) TERM_CACHES.set(key, (cache = new Map()));
  const memo = cache;
  return (lower) => {
    let t = memo.get(lower);
    if (t === undefined) {
      t = computeTerm(lower, rules);
      if (memo.size >= TERM_CACHE_MAX) memo.clear();
      memo.set(lower, t);
    }
    return t;
  };
}

const englishTerm = termFor(null);

/** The term of one lower-cased token in a language (default: unknown, English rules). */
export function term(lower: string, language: string | null = null): string | null {
  return language === null ? englishTerm(lower) : termFor(language)(lower);
}

/** Whether the token at `index` starts a sentence: text start, or after . ! ? : (past spaces and quotes). */
function startsSentence(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 34 || c === 0x201c || c === 0x201d || c === 39 || c === 0x2018 || c === 40) continue;
    return c === 46 || c === 33 || c === 63 || c === 58;
  }
  return true;
}

/** Content words and names of a text, found in one pass. */
export interface TextTerms {
  /** Content words (stemmed, no stop words), numbers as `#n`. */
  content: string[];
  /**
   * Names and numbers: capitalised words that do not merely start a sentence (or that also appear
   * capitalised mid-sentence), and numbers. Use on running text, not Title Case headlines.
   */
  entities: string[];
}

/** Word-character class per UTF-16 unit, filled lazily: 1 starts a word, 3 only goes on one (a combining mark), 2 neither. Surrogates count as word. */
const CLASS = new Uint8Array(65536);
const WORD_UNIT = /[\p{L}\p{N}\uD800-\uDFFF]/u;
const MARK = /\p{M}/u;

function unitClass(c: number): number {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 2;
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = WORD_UNIT.test(ch) ? 1 : MARK.test(ch) ? 3 : 2;
    CLASS[c] = k;
  }
  return k;
}
const isWordUnit = (c: number): boolean => unitClass(c) === 1;
const continuesWord = (c: number): boolean => unitClass(c) !== 2;

/** Joins two runs of word characters into one word: ' ’ . , the Arabic decimal and thousands signs, ZWNJ, ZWJ. */
const isJoiner = (c: number): boolean => c === 39 || c === 0x2019 || c === 46 || c === 44 || c === 0x066b || c === 0x066c || c === 0x200c || c === 0x200d;

/** A letter of a script without capitals (Arabic, Hebrew, CJK…), where a capital cannot mark a name. */
const isCaseless = (text: string, i: number): boolean => {
  const ch = text[i]!;
  return ch.toUpperCase() === ch && ch.toLowerCase() === ch && isWordUnit(text.charCodeAt(i)) && !isDigit(text.charCodeAt(i));
};

/**
 * Calls `visit(start, end)` for each word of `text`: the same words as WORD matches, found by a
 * scan that allocates nothing (clustering runs this over every article of a window).
 */
function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (continuesWord(c)) i++;
      else if (isJoiner(c) && i + 1 < n && isWordUnit(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    if (i < n && text.charCodeAt(i) === 37 /* % */) i++;
    visit(start, i);
  }
}

/**
 * Content words and names of a text in one pass over its words, as whatever `termOf` maps a
 * lower-cased token to (null drops it): strings here, term ids in clustering's hot loop.
 */
export function analyzeWith<T>(text: string, termOf: (lower: string) => T | null, isNumber: (t: T) => boolean): { content: T[]; entities: T[] } {
  const content: T[] = [];
  const candidates: T[] = [];
  const initials: boolean[] = [];
  const midCaps = new Set<T>();
  const lowerText = text.toLowerCase();
  // Lower-casing rarely changes length (Turkish dotted I does); then compare word by word.
  const aligned = lowerText.length === text.length;
  forEachWord(aligned ? lowerText : text, (start, end) => {
    const original = aligned ? '' : text.slice(start, end);
    const lower = aligned ? lowerText.slice(start, end) : original.toLowerCase();
    const t = termOf(lower);
    if (t === null) return;
    content.push(t);
    if (isNumber(t)) {
      candidates.push(t);
      initials.push(false);
      return;
    }
    const capital = aligned ? text.charCodeAt(start) !== lowerText.charCodeAt(start) : original.charCodeAt(0) !== lower.charCodeAt(0);
    if (!capital) {
      // No capitals in the script: names cannot be told from words, so every content word is a candidate.
      if (isCaseless(text, start)) {
        candidates.push(t);
        initials.push(false);
      }
      return;
    }
    const initial = startsSentence(text, start);
    if (!initial) midCaps.add(t);
    candidates.push(t);
    initials.push(initial);
  });
  const entities: T[] = [];
  candidates.forEach((t, i) => {
    if (!initials[i] || midCaps.has(t)) entities.push(t);
  });
  return { content, entities };
}

/** Whether a term is a number (`#n`). */
export const isNumberTerm = (t: string): boolean => t.charCodeAt(0) === 35; /* # */

/**
 * The term function of one language with a small memo of its own in front of the language's:
 * for several passes over one article, whose few hundred tokens the small memo answers faster.
 */
export function localTermFor(language: string | null): (lower: string) => string | null {
  const shared = language === null ? englishTerm : termFor(language);
  const local = new Map<string, string | null>();
  return (lower) => {
    let t = local.get(lower);
    if (t === undefined) local.set(lower, (t = shared(lower)));
    return t;
  };
}

/** Content words and names of a text in its language (see {@link TextTerms}). */
export function analyze(text: string, language: string | null = null): TextTerms {
  return analyzeWith(text, language === null ? englishTerm : termFor(language), isNumberTerm);
}

/** Content words (stemmed, stop words and one-letter tokens removed); numbers normalised. */
export function contentTerms(text: string, language: string | null = null): string[] {
  return contentTermsWith(text, language === null ? englishTerm : termFor(language));
}

/** {@link contentTerms} with a given term function (a language's, or a {@link localTermFor}). */
export function contentTermsWith(text: string, termOf: (lower: string) => string | null): string[] {
  const out: string[] = [];
  for (const lower of tokenize(text)) {
    const t = termOf(lower);
    if (t !== null) out.push(t);
  }
  return out;
}

/** Names and numbers of running text (see {@link TextTerms.entities}). */
export function entityTerms(text: string, language: string | null = null): string[] {
  return analyze(text, language).entities;
}
