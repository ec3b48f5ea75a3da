/**
 * ELD's detection (eld 2.1 `detect`, no text cleanup, no language subset) on its extrasmall n-gram
 * table, with the same language and scores, without its per-call costs: its table's entries are
 * objects with numeric keys read by for-in (each key a string turned back into an index), and
 * its n-grams an object of string keys. Here a sample's n-grams are a Set and the table, read
 * once at load, an index into one typed array of (language, score) pairs. The scores are sums of
 * integers, so the order they are added in does not change them. tests/ingest/language-ngrams
 * checks the results against eld's own `detect`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

interface Table {
  languages: Readonly<Record<number, string>>;
  ngrams: Readonly<Record<string, Readonly<Record<number, number>>>>;
}
interface EldParts {
  /** Each n-gram of the table: where its pairs start in `pairs` (shifted left 8) and how many (low 8 bits). */
  index: ReadonlyMap<string, number>;
  /** Every n-gram's (language, score + base) pairs, one after the other. */
  pairs: Int32Array;
  /** A character per UTF-8 byte value: the table's n-grams are strings of these. */
  dictionary: readonly string[];
  /** Runs of non-letters (an apostrophe inside a word aside), replaced by a space. */
  separators: RegExp;
  codes: string[];
}

/** ELD subtracts this from every stored score to keep its table small. */
const BASE_NGRAM_SCORE = 53;
/** ELD's scale of raw scores to its 0–1 score. */
const SCALE = 25;

/**
 * ELD's table as an index and one typed array. Its module is an object of ~50,000 objects with
 * numeric keys, 27 MB of heap for the life of the process once imported; read from its file in a
 * context of its own instead, it is converted and left to the collector (~9 MB kept in all).
 */
function compactTable(file: string): Pick<EldParts, 'index' | 'pairs' | 'codes'> {
  const box: { ngramsData?: Table } = {};
  runInNewContext(readFileSync(file, 'utf8').replace(/\bexport\s+const\s+ngramsData\s*=/, 'ngramsData ='), box, { filename: file });
  const table = box.ngramsData;
  if (!table?.ngrams || !table.languages) throw new Error(`eld's n-gram table was not found in ${file} (has eld changed? newsbot pins eld 2.1.0)`);
  let count = 0;
  for (const ngram in table.ngrams) for (const _ in table.ngrams[ngram]) count++;
  const pairs = new Int32Array(2 * count);
  const index = new Map<string, number>();
  let at = 0;
  for (const ngram in table.ngrams) {
    const entry = table.ngrams[ngram]!;
    const first = at;
    for (const l in entry) {
      pairs[at++] = Number(l);
      pairs[at++] = entry[Number(l)]! + BASE_NGRAM_SCORE;
    }
    index.set(ngram, (first << 8) | ((at - first) / 2));
  }
  const codes: string[] = [];
  for (const [i, code] of Object.entries(table.languages)) codes[Number(i)] = code;
  return { index, pairs, codes };
}

let parts: EldParts | null = null;
/** Loaded on first use (about 0.3 s); the same files eld's entry loads. */
function eldParts(): EldParts {
  if (parts) return parts;
  const require = createRequire(import.meta.url);
  const src = join(dirname(fileURLToPath(import.meta.resolve('eld/extrasmall'))), '..');
  const { dictionary } = require(join(src, 'dictionary.js')) as { dictionary: string[] };
  const { separators } = require(join(src, 'regexPatterns.js')) as { separators: RegExp };
  parts = { ...compactTable(join(src, 'ngrams', 'extrasmall.js')), dictionary, separators };
  return parts;
}

/** The ISO 639-1 codes ELD can tell. */
export function detectorLanguages(): readonly string[] {
  return eldParts().codes;
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
  const { index, pairs, dictionary, separators, codes } = eldParts();
  const words = byteWords(text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase(), dictionary);
  const ngrams = byteNgrams(words);
  const scores = new Float64Array(codes.length);
  for (const ngram of ngrams) {
    const at = index.get(ngram);
    if (at === undefined) continue;
    const end = (at >> 8) + 2 * (at & 0xff);
    for (let k = at >> 8; k < end; k += 2) scores[pairs[k]!]! += pairs[k + 1]!;
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
