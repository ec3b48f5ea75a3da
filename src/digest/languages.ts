/**
 * What words mean per language: stop words (the `stopword` package's maintained lists, never the
 * English ones on other text), a stemmer (Snowball via `@orama/stemmers`), how numbers are written
 * and how Arabic-script letters are normalised. The language comes in as data (an article's ISO
 * 639-1 `language`); null means unknown and keeps the English rules the text core was built with.
 */
import { stemmer as arStem } from '@orama/stemmers/arabic';
import { stemmer as bgStem } from '@orama/stemmers/bulgarian';
import { stemmer as daStem } from '@orama/stemmers/danish';
import { stemmer as deStem } from '@orama/stemmers/german';
import { stemmer as elStem } from '@orama/stemmers/greek';
import { stemmer as esStem } from '@orama/stemmers/spanish';
import { stemmer as fiStem } from '@orama/stemmers/finnish';
import { stemmer as frStem } from '@orama/stemmers/french';
import { stemmer as huStem } from '@orama/stemmers/hungarian';
import { stemmer as idStem } from '@orama/stemmers/indonesian';
import { stemmer as itStem } from '@orama/stemmers/italian';
import { stemmer as ltStem } from '@orama/stemmers/lithuanian';
import { stemmer as nlStem } from '@orama/stemmers/dutch';
import { stemmer as noStem } from '@orama/stemmers/norwegian';
import { stemmer as ptStem } from '@orama/stemmers/portuguese';
import { stemmer as roStem } from '@orama/stemmers/romanian';
import { stemmer as ruStem } from '@orama/stemmers/russian';
import { stemmer as svStem } from '@orama/stemmers/swedish';
import { stemmer as trStem } from '@orama/stemmers/turkish';
import { stemmer as ukStem } from '@orama/stemmers/ukrainian';
import stopword from 'stopword';
import { ENGLISH_NEWS_STOP_WORDS, NEWS_WORDS } from './news-words.js';
import { STOP_WORDS } from './stopwords.js';

/** ISO 639-1 → the `stopword` package's ISO 639-3 list. */
const STOP_LISTS: Readonly<Record<string, stopword.LanguageCode>> = {
  af: 'afr', ar: 'ara', bg: 'bul', bn: 'ben', ca: 'cat', cs: 'ces', da: 'dan', de: 'deu', el: 'ell', en: 'eng', eo: 'epo', es: 'spa',
  et: 'est', eu: 'eus', fa: 'fas', fi: 'fin', fr: 'fra', ga: 'gle', gl: 'glg', gu: 'guj', ha: 'hau', he: 'heb', hi: 'hin', hr: 'hrv',
  hu: 'hun', hy: 'hye', id: 'ind', it: 'ita', ja: 'jpn', ko: 'kor', ku: 'kur', la: 'lat', lt: 'lit', lv: 'lav', mr: 'mar', ms: 'msa',
  my: 'mya', nb: 'nob', nl: 'nld', no: 'nob', pl: 'pol', pt: 'por', ro: 'ron', ru: 'rus', sk: 'slk', sl: 'slv', so: 'som', st: 'sot',
  sv: 'swe', sw: 'swa', th: 'tha', tl: 'tgl', tr: 'tur', uk: 'ukr', ur: 'urd', vi: 'vie', yo: 'yor', zh: 'zho', zu: 'zul',
};

/** Stemmers by ISO 639-1 code: Snowball's, and for Persian the non-joiner rule below. */
const STEMMERS: Readonly<Record<string, (word: string) => string>> = {
  ar: arStem, bg: bgStem, da: daStem, de: deStem, el: elStem, es: esStem, fi: fiStem, fr: frStem, hu: huStem, id: idStem, it: itStem,
  lt: ltStem, nb: noStem, nl: nlStem, no: noStem, pt: ptStem, ro: roStem, ru: ruStem, sv: svStem, tr: trStem, uk: ukStem, fa: persianStem,
};

/** Languages that write 3.000,5 for three thousand and a half (a comma before the decimals). */
const DECIMAL_COMMA = new Set('af bg ca cs da de el es et eu fi fr gl hr hu hy id it lt lv nb nl no pl pt ro ru sk sl sq sr sv tr uk vi'.split(' '));
/** Elided words before an apostrophe: French (l', d', qu'…), Italian (dell', un'…), Catalan. */
const ELISION: Readonly<Record<string, RegExp>> = {
  fr: /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\p{L})/u,
  it: /^(?:l|d|un|all|dall|dell|nell|sull|col|quest|quell|c)['’](?=\p{L})/u,
  ca: /^(?:l|d|s|m|t|n)['’](?=\p{L})/u,
};
/** Languages written in Persian rather than Arabic letter forms (ی and ک, not ي and ك). */
const PERSIAN_LETTERS = new Set(['fa', 'ur', 'ps', 'ku']);

/** Word rules of one language. */
export interface LanguageRules {
  /** The ISO 639-1 code, or null for unknown (English rules). */
  code: string | null;
  /** Function words of the language, normalised as tokens are. */
  stopWords: ReadonlySet<string>;
  /** Function words plus words too common in news copy to tell events apart ("said", weekdays). */
  newsStopWords: ReadonlySet<string>;
  /** English (or unknown): number words count as numbers ("twelve" = 12). */
  english: boolean;
  /** Reduces an inflected (normalised) word to a stem. */
  stem: (word: string) => string;
  /** Whether "3.000,5" means three thousand and a half. */
  decimalComma: boolean;
  /** Arabic-script letter forms to normalise to: Persian (ی ک) or Arabic (ي ك). */
  persianLetters: boolean;
  /** An elided article or pronoun glued to the word by an apostrophe ("l'incendie" → "incendie"), or null. */
  elision: RegExp | null;
}

const cache = new Map<string, LanguageRules>();

/** The primary subtag of a language tag, lower-cased ("pt-BR" → "pt"); null when empty. */
function primary(language: string | null | undefined): string | null {
  const p = language?.trim().toLowerCase().split(/[-_]/)[0];
  return p ? p : null;
}

/** Rules for a language (ISO 639-1, a longer tag is reduced); unknown languages get no stop words. */
export function languageRules(language: string | null | undefined): LanguageRules {
  const code = primary(language);
  const key = code ?? '';
  let rules = cache.get(key);
  if (rules) return rules;
  if (code === null || code === 'en') {
    rules = { code, english: true, stopWords: STOP_WORDS, newsStopWords: ENGLISH_NEWS_STOP_WORDS, stem: englishStem, decimalComma: false, persianLetters: false, elision: null };
  } else {
    const persianLetters = PERSIAN_LETTERS.has(code);
    const list = STOP_LISTS[code];
    const words = [...(list ? stopword[list] : []), ...(NEWS_WORDS[code] ?? [])].map((w) => normaliseWord(w.toLowerCase(), persianLetters));
    const stopWords = new Set(list ? stopword[list].map((w) => normaliseWord(w.toLowerCase(), persianLetters)) : []);
    const stem = STEMMERS[code] ?? withoutNonJoiner;
    rules = { code, english: false, stopWords, newsStopWords: new Set(words), stem, decimalComma: DECIMAL_COMMA.has(code), persianLetters, elision: ELISION[code] ?? null };
  }
  cache.set(key, rules);
  return rules;
}

/** A deliberately light English stemmer: plural and possessive endings only, so "quakes"/"quake" meet. */
export function englishStem(word: string): string {
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

/** No stemmer for the language: the word as it is, spelled without non-joiners. */
function withoutNonJoiner(word: string): string {
  return word.includes(ZWNJ) ? word.replace(/\u200c/g, '') : word;
}

/** Arabic diacritics (harakat, shadda, sukun, superscript alef) and the tatweel: spelling, not letters. */
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const ZWNJ = '\u200c';

/**
 * A lower-cased token with the differences that are spelling, not words, taken out: the
 * zero-width joiner, Arabic diacritics and tatweel, Arabic vs Persian forms of yeh and kaf, and
 * Arabic-Indic digits and separators. The non-joiner stays: it marks Persian affixes.
 */
export function normaliseWord(lower: string, persianLetters: boolean): string {
  let w = lower.includes('\u200d') ? lower.replace(/\u200d/g, '') : lower;
  if (!ARABIC_SCRIPT.test(w)) return w;
  w = w.replace(ARABIC_MARKS, '');
  w = persianLetters ? w.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک') : w.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  w = w.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return w.replace(/\u066b/g, '.').replace(/\u066c/g, ',');
}

/** Persian affixes a zero-width non-joiner writes apart from the stem: the verb prefix, and plural, ezafe, possessive, comparative endings. */
const PERSIAN_PREFIXES = new Set(['می', 'نمی']);
const PERSIAN_SUFFIXES = new Set(['ها', 'های', 'هایی', 'ای', 'ی', 'یی', 'ام', 'ات', 'اش', 'مان', 'تان', 'شان', 'اند', 'ایم', 'اید', 'تر', 'ترین']);

/** The stem of a Persian word: its parts between non-joiners with the known affixes dropped. */
export function persianStem(word: string): string {
  if (!word.includes(ZWNJ)) return word;
  const parts = word.split(ZWNJ).filter(Boolean);
  const kept = parts.filter((p, i) => !(i === 0 ? PERSIAN_PREFIXES.has(p) : PERSIAN_SUFFIXES.has(p)));
  return (kept.length > 0 ? kept : parts).join('');
}
