/**
 * Word-level helpers shared by clustering, ranking and story building: tokenising, a light
 * stemmer, stop words, and named entities / numbers. Pure and allocation-light, because clustering
 * runs them over every article in a window.
 */

/** Words too common in news copy to tell two events apart. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'said says say told tell according new news update updated exclusive breaking live report reports reported latest watch analysis ' +
    'opinion one two three four five six seven eight nine ten first second last year years week weeks day days month months time ' +
    'people may might must shall us mr mrs ms dr just many much well still even back since around however yet get got make made ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning evening night ' +
    'january february march april june july august september october november december per cent percent'
  ).split(' '),
);

/** Number words as digits, so "twelve people" and "12 people" state the same fact. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [w, `#${i + 1}`]),
);

/** Words, numbers with their decimal point or thousands comma, and a trailing % sign. */
const WORD = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu;

/** Lower-cased word tokens of a text. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A deliberately light stemmer: plural and possessive endings only, so "quakes"/"quake" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (n > 3 && w.charCodeAt(n - 1) === 115 /* s */) {
    const prev = w.charCodeAt(n - 2);
    if (prev !== 115 && prev !== 117 /* u */ && prev !== 105 /* i */) return w.slice(0, -1);
  }
  return w;
}

/** Normalises a number token so "1,200", "1200" and "9%" / "9" compare equal. */
export function normalizeNumber(token: string): string {
  return token.replace(/[,%]/g, '').replace(/\.0+$/, '');
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function computeTerm(lower: string): string | null {
  if (isDigit(lower.charCodeAt(0))) return `#${normalizeNumber(lower)}`;
  const n = NUMBER_WORDS.get(lower);
  if (n) return n;
  if (lower.length < 2 || STOPWORDS.has(lower)) return null;
  return stem(lower);
}

/** Memo of token → term: news vocabulary repeats, and this is the hot loop of clustering. */
const TERM_CACHE = new Map<string, string | null>();
const TERM_CACHE_MAX = 200_000;

/** The term of one lower-cased token: `#n` for numbers, a stem for content words, null for stop words. */
export function term(lower: string): string | null {
  let t = TERM_CACHE.get(lower);
  if (t === undefined) {
    t = computeTerm(lower);
    if (TERM_CACHE.size >= TERM_CACHE_MAX) TERM_CACHE.clear();
    TERM_CACHE.set(lower, t);
  }
  return t;
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

/** Word-character class per UTF-16 unit, filled lazily: 1 word, 2 not. Surrogates count as word. */
const CLASS = new Uint8Array(65536);
const WORD_UNIT = /[\p{L}\p{N}\uD800-\uDFFF]/u;

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  let k = CLASS[c]!;
  if (k === 0) {
    k = WORD_UNIT.test(String.fromCharCode(c)) ? 1 : 2;
    CLASS[c] = k;
  }
  return k === 1;
}

const isJoiner = (c: number): boolean => c === 39 || c === 0x2019 || c === 46 || c === 44; // ' ’ . ,

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
      if (isWordUnit(c)) i++;
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
    if (!capital) return;
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

/** Content words and names of a text (see {@link TextTerms}). */
export function analyze(text: string): TextTerms {
  return analyzeWith(text, term, (t) => t.charCodeAt(0) === 35 /* # */);
}

/** Content words (stemmed, stop words and one-letter tokens removed); numbers normalised. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const lower of tokenize(text)) {
    const t = term(lower);
    if (t !== null) out.push(t);
  }
  return out;
}

/** Names and numbers of running text (see {@link TextTerms.entities}). */
export function entityTerms(text: string): string[] {
  return analyze(text).entities;
}
