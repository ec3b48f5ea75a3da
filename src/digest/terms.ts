/**
 * Word-level helpers shared by clustering, ranking and story building: tokenising, a light
 * stemmer, stop words, and named entities / numbers. Pure and allocation-light, because clustering
 * runs them over every article in a window.
 */

const WORD = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu;

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

/** Lower-cased word tokens of a text (numbers keep their decimal point and % sign). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A deliberately light stemmer: plural and possessive endings only, so "quakes"/"quake" meet. */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w;
}

/** Normalises a number token so "1,200", "1200" and "9%" / "9" compare equal. */
export function normalizeNumber(token: string): string {
  return token.replace(/[,%]/g, '').replace(/\.0+$/, '');
}

const isNumber = (t: string): boolean => /^[\p{N}][\p{N}.,]*%?$/u.test(t);

/** Number words as digits, so "twelve people" and "12 people" state the same fact. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [w, `#${i + 1}`]),
);

/** Content words (stemmed, stop words and one-letter tokens removed); numbers normalised. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const n = NUMBER_WORDS.get(t);
    if (n) out.push(n);
    else if (isNumber(t)) out.push(`#${normalizeNumber(t)}`);
    else if (t.length > 1 && !STOPWORDS.has(t)) out.push(stem(t));
  }
  return out;
}

const CAPITALISED = /^\p{Lu}/u;
const SENTENCE_END = /[.!?:"“”]$/;

/**
 * Names and numbers in running text: capitalised words that do not merely start a sentence
 * (or that also appear capitalised mid-sentence), and numbers. Titles are not used, because
 * Title Case headlines capitalise every word. Returned stemmed and lower-cased, numbers prefixed `#`.
 */
export function entityTerms(text: string): string[] {
  const raw = text.split(/\s+/);
  const midCaps = new Set<string>();
  const tokens: { word: string; initial: boolean }[] = [];
  let initial = true;
  for (const piece of raw) {
    const m = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}%]|[\p{L}\p{N}]/u.exec(piece);
    if (m) {
      const word = m[0];
      tokens.push({ word, initial });
      if (!initial && CAPITALISED.test(word)) midCaps.add(word.toLowerCase());
    }
    initial = piece === '' ? initial : SENTENCE_END.test(piece);
  }
  const out: string[] = [];
  for (const { word, initial: atStart } of tokens) {
    if (/^[\p{N}]/u.test(word)) {
      out.push(`#${normalizeNumber(word.replace(/[^\p{N}.,%]/gu, ''))}`);
      continue;
    }
    if (!CAPITALISED.test(word)) continue;
    const lower = word.toLowerCase();
    if (STOPWORDS.has(lower) || lower.length < 2) continue;
    if (atStart && !midCaps.has(lower)) continue;
    out.push(stem(lower.replace(/['’]s$/, '')));
  }
  return out;
}
