/**
 * The language of an article, decided once at the ingest edge so the digest core reads it as data.
 * A page's or feed's declared language wins when it is plausible for the text; otherwise the
 * text's own language as ELD (Efficient Language Detector, ISO 639-1 codes, 60 languages, accurate
 * on sentence-length text) sees it.
 */
import { detectNgrams, detectorLanguages } from './language-ngrams.js';

/** Enough text for a confident detection; more only costs time (ELD reads 1,000 characters). */
const SAMPLE_CHARS = 1000;
/** Below this many letters a detection is a guess, so it never overrules a declaration. */
const MIN_LETTERS_TO_OVERRULE = 40;
/** A declared language scoring at least this share of the best guess is taken as plausible. */
const CLOSE_SCORE = 0.85;

/** Letters of each script (ISO 15924 code, as Intl.Locale#maximize names it); Japanese and Korean mix in Han. */
const SCRIPT_LETTERS: Readonly<Record<string, RegExp>> = Object.fromEntries(
  Object.entries({
    Latn: '\\p{sc=Latin}', Cyrl: '\\p{sc=Cyrillic}', Arab: '\\p{sc=Arabic}', Hebr: '\\p{sc=Hebrew}', Grek: '\\p{sc=Greek}',
    Deva: '\\p{sc=Devanagari}', Beng: '\\p{sc=Bengali}', Thai: '\\p{sc=Thai}', Armn: '\\p{sc=Armenian}', Geor: '\\p{sc=Georgian}',
    Ethi: '\\p{sc=Ethiopic}', Hans: '\\p{sc=Han}', Hant: '\\p{sc=Han}', Jpan: '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}', Kore: '\\p{sc=Hangul}\\p{sc=Han}',
  }).map(([code, letters]) => [code, new RegExp(`[${letters}]`, 'gu')]),
);

/** A language tag as a locale ("en_US" and "en-US" alike), or null when it is not one. */
function localeOf(tag: string | null | undefined): Intl.Locale | null {
  if (!tag) return null;
  const t = tag.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(t)) return null;
  try {
    const locale = new Intl.Locale(t);
    return /^[a-z]{2}$/.test(locale.language) ? locale : null;
  } catch {
    return null;
  }
}

/** The primary ISO 639-1 code of a language tag ("en-US" → "en", "deu" → "de"), or null. */
export function languageCode(tag: string | null | undefined): string | null {
  return localeOf(tag)?.language ?? null;
}

/**
 * Whether the declared language's script (CLDR's likely script for the tag) writes at least half
 * the letters of the sample; a script we do not know about is not held against the declaration.
 */
function scriptFits(locale: Intl.Locale, sample: string, letters: number): boolean {
  const own = SCRIPT_LETTERS[locale.maximize().script ?? ''];
  if (!own || letters === 0) return true;
  return 2 * (sample.match(own)?.length ?? 0) >= letters;
}

/** What the text and, optionally, a declaration say about an article's language. */
export interface LanguageInput {
  /** The page's `lang`, a feed's `<language>`, a JSON input's field: any language tag. */
  declared?: string | null;
  title?: string | null;
  text: string;
}

/**
 * The article's language as an ISO 639-1 code, or null when neither a plausible declaration nor
 * the text tells (numbers only, too little text). A declaration is plausible when its script fits
 * the text's and, for text long enough to judge, the detector rates it close to its best guess
 * (templates that say `lang="en"` on every page are common; neighbours such as Danish/Norwegian
 * keep what the publisher says).
 */
export function detectLanguage(input: LanguageInput): string | null {
  const sample = `${input.title ?? ''}\n${input.text.slice(0, SAMPLE_CHARS)}`;
  const locale = localeOf(input.declared);
  const declared = locale?.language ?? null;
  const result = detectNgrams(sample);
  const guess = result.language || null;
  const letters = locale ? (sample.match(/\p{L}/gu)?.length ?? 0) : 0;
  if (locale && declared && scriptFits(locale, sample, letters)) {
    if (guess === null || guess === declared || !knownToDetector(declared)) return declared;
    if (letters < MIN_LETTERS_TO_OVERRULE) return declared;
    if ((result.score(declared) ?? 0) >= CLOSE_SCORE * (result.score(guess) ?? 0)) return declared;
  }
  return guess;
}

let known: ReadonlySet<string> | null = null;
/** Whether ELD can score the language at all (it knows 60); others are judged by script alone. */
function knownToDetector(code: string): boolean {
  known ??= new Set(detectorLanguages());
  return known.has(code);
}
