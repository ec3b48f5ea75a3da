/**
 * ELD's detection (eld 2.1 `detect`, no text cleanup, no language subset) on its extrasmall n-gram
 * table, with the same language and scores, without its per-call costs: its table's entries are
 * objects with numeric keys read by for-in (each key a string turned back into an index), and
 * its n-grams an object of string keys. Here a sample's n-grams are a Set and each n-gram's
 * scores, once looked up, a typed array of (language, score) pairs. The scores are sums of
 * integers, so the order they are added in does not change them. tests/ingest/language-ngrams
 * checks the results against eld's own `detect`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Table {
  languages: Readonly<Record<number, string>>;
  ngrams: Readonly<Record<string, Readonly<Record<number, number>>>>;
}
interface EldParts {
  table: Table;
  /** A character per UTF-8 byte value: the table's n-grams are strings of these. */
  dictionary: readonly string[];
  /** Runs of non-letters (an apostrophe inside a word aside), replaced by a space. */
  separators: RegExp;
  codes: string[];
}

let parts: EldParts | null = null;
/** Loaded on first use (the table costs about 0.3 s and 30 MB); the same modules eld's entry loads. */
function eldParts(): EldParts {
  if (parts) return parts;
  const require = createRequire(import.meta.url);
  const src = join(dirname(fileURLToPath(import.meta.resolve('eld/extrasmall'))), '..');
  const table = (require(join(src, 'ngrams', 'extrasmall.js')) as { ngramsData: Table }).ngramsData;
  const { dictionary } = require(join(src, 'dictionary.js')) as { dictionary: string[] };
  const { separators } = require(join(src, 'regexPatterns.js')) as { separators: RegExp };
  const codes: string[] = [];
  for (const [i, code] of Object.entries(table.languages)) codes[Number(i)] = code;
  parts = { table, dictionary, separators, codes };
  return parts;
}

/** The ISO 639-1 codes ELD can tell. */
export function detectorLanguages(): readonly string[] {
  return eldParts().codes;
}

/** ELD subtracts this from every stored score to keep its table small. */
const BASE_NGRAM_SCORE = 53;
/** ELD's scale of raw scores to its 0–1 score. */
const SCALE = 25;

/** Each looked-up n-gram of the table: its (language, score + base) pairs. At most the table's size. */
const pairs = new Map<string, Int32Array>();

/** The n-gram's pairs, or null for one not in the table. */
function pairsOf(ngram: string, table: Table): Int32Array | null {
  const known = pairs.get(ngram);
  if (known !== undefined) return known;
  if (!Object.hasOwn(table.ngrams, ngram)) return null;
  const entry = table.ngrams[ngram]!;
  const langs = Object.keys(entry);
  const p = new Int32Array(2 * langs.length);
  langs.forEach((l, k) => {
    p[2 * k] = Number(l);
    p[2 * k + 1] = entry[Number(l)]! + BASE_NGRAM_SCORE;
  });
  pairs.set(ngram, p);
  return p;
}

/**
 * The text's words as strings of byte characters (ELD's strToUtf8Bytes): cut at the first space
 * after 350 bytes, or after any character past 380.
 */
function byteWords(text: string, dictionary: readonly string[]): string[] {
  let encoded = '';
  const words: string[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (bytes > 350) break;
      } else encoded += text[i];
      bytes++;
    } else if (c < 0x800) {
      encoded += dictionary[0xc0 | (c >> 6)]! + dictionary[0x80 | (c & 0x3f)]!;
      bytes += 2;
    } else if (c < 0xd800 || c >= 0xe000) {
      encoded += dictionary[0xe0 | (c >> 12)]! + dictionary[0x80 | ((c >> 6) & 0x3f)]! + dictionary[0x80 | (c & 0x3f)]!;
      bytes += 3;
    } else {
      i++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded += dictionary[0xf0 | (c >> 18)]! + dictionary[0x80 | ((c >> 12) & 0x3f)]! + dictionary[0x80 | ((c >> 6) & 0x3f)]! + dictionary[0x80 | (c & 0x3f)]!;
      bytes += 4;
    }
    if (bytes > 380) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** The distinct n-grams of the words (ELD's getByteNgrams): 4 bytes with a stride of 3, word edges marked by a space. */
function byteNgrams(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) out.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    out.add(`${j === 0 ? ' ' : ''}${word.substring(len !== 3 ? len - 4 : 0)} `);
  }
  return out;
}

/** ELD's verdict on a text: its best language ('' when none scores) and each language's 0–1 score. */
export interface Detection {
  language: string;
  /** The language's score as ELD's `getScores()` gives it; undefined for one that scored nothing. */
  score(code: string): number | undefined;
}

/** What ELD's `detect(text)` says of the text. */
export function detectNgrams(text: string): Detection {
  const { table, dictionary, separators, codes } = eldParts();
  const words = byteWords(text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase(), dictionary);
  const ngrams = byteNgrams(words);
  const scores = new Float64Array(codes.length);
  for (const ngram of ngrams) {
    const p = pairsOf(ngram, table);
    if (p !== null) for (let k = 0; k < p.length; k += 2) scores[p[k]!]! += p[k + 1]!;
  }
  let best = -1;
  let max = 0;
  for (let l = 0; l < scores.length; l++) {
    if (scores[l]! > max) {
      max = scores[l]!;
      best = l;
    }
  }
  if (best < 0) return { language: '', score: () => undefined };
  const n = ngrams.size;
  return {
    language: codes[best]!,
    score: (code) => {
      const l = codes.indexOf(code);
      if (l < 0 || !(scores[l]! > 0)) return undefined;
      const s = scores[l]! / n;
      return s / (s + SCALE);
    },
  };
}
