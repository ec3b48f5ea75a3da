/**
 * Sentence splitting for news copy. A single forward scan: every character is looked at a
 * bounded number of times, so adversarial input (a megabyte of dots, one endless sentence) stays
 * linear. Regular expressions are used only on short, bounded slices.
 */
import { type AbbreviationRules, abbreviationRules } from './abbreviations.js';

/** Sentence ends: Latin, CJK, Arabic/Persian question mark, Urdu full stop, Devanagari danda, Armenian, Ethiopic. */
const TERMINATORS = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '！', '？', '؟', '۔', '।', '॥', '｡', '։', '።']);
/** Terminators of scripts written without spaces: a sentence may end with no space after them. */
const WIDE = new Set(['。', '！', '？', '｡']);
/** Closing quotes and brackets right after a terminator; “ « ‘ ‹ close German and Danish quotations there. */
const CLOSERS = new Set(['"', "'", '”', '’', '»', '›', '“', '«', '‘', '‹', ')', ']', '}', '」', '』', '）', '〕', '】', '〉', '》']);
/** French closing guillemets, written after a space: « Nous avons tout perdu. » */
const SPACED_CLOSERS = new Set(['»', '›']);
const OPENING = new Set(['"', "'", '“', '‘', '„', '‚', '«', '‹', '»', '(', '[', '{', '¿', '¡', '「', '『', '（', '—', '–', '-']);
/** Abbreviations that stand before a number ("No. 10", "p. 45", "Art. 5"). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'nr', 'art', 'op', 'fig', 'figs', 'vol', 'vols', 'pp', 'p', 'ch', 'chap', 'sec', 'para', 'tel']);
/** A list item at the start of a line: "- x", "* x", "• x", "1. x", "2) x", "a) x". */
const BULLET = /^[ \t]*(?:[-*•·–—▪◦‣]\s|\d{1,3}[.)]\s|\p{L}\)\s)/u;
/** Dotted acronyms and short forms: "U.S", "U.K", "a.m", "Ph.D", "z.B". */
const DOTTED = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\u2009' || c === '\u202f' || c === '\u3000';
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
/** A letter of a script without capitals (Arabic, Hebrew…): a lone one before a dot is an abbreviation. */
const isCaseless = (c: string): boolean => !isLower(c) && !isUpper(c) && /\p{L}/u.test(c);

/**
 * Splits text into whole sentences, in order, each trimmed and otherwise exactly as in the text
 * (so every sentence is a substring of the input). Blank lines always end a sentence; so does a
 * line that starts a list item. The language (ISO 639-1; null for unknown) picks the abbreviations,
 * month names and usual sentence openers consulted at a full stop.
 */
export function splitSentences(text: string, language: string | null = null): string[] {
  const rules = abbreviationRules(language);
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) splitParagraph(para.join('\n'), out, rules);
    para = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') flush();
    else {
      if (para.length > 0 && BULLET.test(line.slice(0, 8))) flush();
      para.push(line);
    }
  }
  flush();
  return out;
}

function splitParagraph(p: string, out: string[], rules: AbbreviationRules): void {
  const n = p.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    // ASCII has three terminators; other characters are looked up.
    const code = p.charCodeAt(i);
    if (code < 128 ? code !== 46 && code !== 33 && code !== 63 : !TERMINATORS.has(p[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let wide = false;
    while (j < n && TERMINATORS.has(p[j]!)) {
      if (WIDE.has(p[j]!)) wide = true;
      j++;
    }
    let k = j;
    while (k < n && CLOSERS.has(p[k]!)) k++;
    k = spacedCloser(p, k);
    if (k >= n) break;
    if (!isSpace(p[k]!) && !wide) {
      // "3.5", "bbc.co.uk", "?!x": not a boundary; carry on after the run.
      i = j;
      continue;
    }
    let m = k;
    while (m < n && isSpace(p[m]!)) m++;
    if (m >= n) break;
    if (endsSentence(p, start, i, j, k, m, wide, rules)) {
      const s = p.slice(start, k).trim();
      if (s !== '') out.push(s);
      start = m;
    }
    i = m;
  }
  const rest = p.slice(start).trim();
  if (rest !== '') out.push(rest);
}

/** Past a French closing guillemet after the terminator ("perdu. » Selon"): one or two spaces, », then a space or the end. */
function spacedCloser(p: string, k: number): number {
  let q = k;
  while (q < p.length && q < k + 2 && isSpace(p[q]!)) q++;
  if (q === k || !SPACED_CLOSERS.has(p[q] ?? '')) return k;
  return q + 1 >= p.length || isSpace(p[q + 1]!) ? q + 1 : k;
}

/** The first letters of the word at `m` and where they end, skipping opening quotes, brackets and their spaces (bounded). */
function nextWord(p: string, m: number): { word: string; end: number } {
  let a = m;
  while (a < p.length && a < m + 4 && (OPENING.has(p[a]!) || (a > m && isSpace(p[a]!)))) a++;
  let b = a;
  while (b < p.length && b < a + 24 && !isSpace(p[b]!) && /[\p{L}\p{M}\p{N}]/u.test(p[b]!)) b++;
  const end = b === a ? Math.min(a + 1, p.length) : b;
  return { word: p.slice(a, end), end };
}

/** The short token before `word` when it ends in a dot ("z." before "B", "EE." before "UU"), or ''. */
function tokenBefore(p: string, start: number, wordStart: number): string {
  let e = wordStart;
  while (e > start && e > wordStart - 3 && isSpace(p[e - 1]!)) e--;
  if (e === wordStart || p[e - 1] !== '.') return '';
  let a = e - 1;
  while (a > start && a > e - 6 && /\p{L}/u.test(p[a - 1]!)) a--;
  return p.slice(a, e - 1);
}

/** The token just before a dot at `i`, without leading quotes or brackets (bounded look-back). */
function wordBefore(p: string, start: number, i: number): string {
  let a = i;
  while (a > start && a > i - 32 && !isSpace(p[a - 1]!)) a--;
  while (a < i && OPENING.has(p[a]!)) a++;
  return p.slice(a, i);
}

/**
 * Whether the terminator run p[i..j) (closers up to k, next text at m) ends a sentence.
 * The cues, in order: a lower-case next word never starts a sentence; ! ? and ellipses do end
 * one; a single dot is judged by the word before it (abbreviation, initial, list number, ordinal)
 * and, when that word is ambiguous, by whether the next word usually opens a sentence.
 */
function endsSentence(p: string, start: number, i: number, j: number, k: number, m: number, wide: boolean, r: AbbreviationRules): boolean {
  const { word: next, end: nextEnd } = nextWord(p, m);
  const first = next[0] ?? '';
  if (isLower(first)) return false;
  // Japanese quotation: 「はい。」と言った — the quote goes on into the sentence.
  if (wide) return !(k > j && p[m] === 'と' && m === k);
  if (j - i > 1 || p[i] !== '.') return true;
  const word = wordBefore(p, start, i);
  if (word === '') return true;
  const lw = word.toLowerCase();
  const ln = next.toLowerCase();
  const digitNext = isDigit(first);
  const opener = r.openers.has(ln);
  // Inside a spaced abbreviation: "EE. UU.", "z. B.", "т. е.".
  if (p[nextEnd] === '.' && (r.neverFinal.has(`${lw}.${ln}`) || r.maybeFinal.has(`${lw}.${ln}`))) return false;
  const pair = tokenBefore(p, start, i - word.length);
  if (pair !== '' && r.neverFinal.has(`${pair.toLowerCase()}.${lw}`)) return false;
  if (pair !== '' && r.maybeFinal.has(`${pair.toLowerCase()}.${lw}`)) return opener;
  if (BEFORE_NUMBER.has(lw)) return digitNext ? false : opener || !/^\p{L}+$/u.test(lw);
  if (r.neverFinal.has(lw)) return false;
  if (r.afterNumber.has(lw) && /\d\s*$/.test(p.slice(Math.max(start, i - word.length - 3), i - word.length))) return true;
  if (/^\d{1,3}$/.test(lw)) {
    // "1. Buy milk" (a list number alone so far) and "am 3. Oktober" (an ordinal date).
    if (p.slice(start, i).trim() === lw) return false;
    if (r.months.has(ln)) return false;
    // "der 5. Streik": where ordinals take a dot, only a usual opener starts a new sentence.
    return r.ordinalDot ? opener : true;
  }
  // An initial followed by another ("В. В. Путин", "J. R. R. Tolkien").
  if (word.length === 1 && next.length === 1 && p[nextEnd] === '.' && !isLower(word)) return false;
  if (word.length === 1 && isUpper(word)) return opener && next !== 'A' && next !== 'I';
  if (word.length === 1 && (isLower(word) || isCaseless(word))) return r !== DEFAULT_RULES && r.maybeFinal.has(lw) ? opener : false;
  if (r.maybeFinal.has(lw) || DOTTED.test(word)) return opener;
  return true;
}

const DEFAULT_RULES = abbreviationRules(null);
