/**
 * Sentence splitting for news copy. A single forward scan: every character is looked at a
 * bounded number of times, so adversarial input (a megabyte of dots, one endless sentence) stays
 * linear. Regular expressions are used only on short, bounded slices.
 */
import { MAYBE_FINAL, MONTHS, NEVER_FINAL, OPENERS } from './abbreviations.js';

const TERMINATORS = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '！', '？', '؟', '।', '॥', '｡']);
/** Terminators of scripts written without spaces: a sentence may end with no space after them. */
const WIDE = new Set(['。', '！', '？', '｡']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '〕', '】', '〉', '》']);
const OPENING = new Set(['"', "'", '“', '‘', '«', '‹', '(', '[', '{', '¿', '¡', '「', '『', '（', '—', '–', '-']);
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

/**
 * Splits text into whole sentences, in order, each trimmed and otherwise exactly as in the text
 * (so every sentence is a substring of the input). Blank lines always end a sentence; so does a
 * line that starts a list item.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) splitParagraph(para.join('\n'), out);
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

function splitParagraph(p: string, out: string[]): void {
  const n = p.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = p[i]!;
    if (!TERMINATORS.has(c)) {
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
    if (k >= n) break;
    if (!isSpace(p[k]!) && !wide) {
      // "3.5", "bbc.co.uk", "?!x": not a boundary; carry on after the run.
      i = j;
      continue;
    }
    let m = k;
    while (m < n && isSpace(p[m]!)) m++;
    if (m >= n) break;
    if (endsSentence(p, start, i, j, k, m, wide)) {
      const s = p.slice(start, k).trim();
      if (s !== '') out.push(s);
      start = m;
    }
    i = m;
  }
  const rest = p.slice(start).trim();
  if (rest !== '') out.push(rest);
}

/** The first letters of the word at `m`, skipping opening quotes and brackets (bounded). */
function nextWord(p: string, m: number): string {
  let a = m;
  while (a < p.length && a < m + 3 && OPENING.has(p[a]!)) a++;
  let b = a;
  while (b < p.length && b < a + 24 && !isSpace(p[b]!) && /[\p{L}\p{N}]/u.test(p[b]!)) b++;
  return p.slice(a, b === a ? Math.min(a + 1, p.length) : b);
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
 * one; a single dot is judged by the word before it (abbreviation, initial, list number) and,
 * when that word is ambiguous, by whether the next word usually opens a sentence.
 */
function endsSentence(p: string, start: number, i: number, j: number, k: number, m: number, wide: boolean): boolean {
  const next = nextWord(p, m);
  const first = next[0] ?? '';
  if (isLower(first)) return false;
  // Japanese quotation: 「はい。」と言った — the quote goes on into the sentence.
  if (wide) return !(k > j && p[m] === 'と' && m === k);
  if (j - i > 1 || p[i] !== '.') return true;
  const word = wordBefore(p, start, i);
  if (word === '') return true;
  const lw = word.toLowerCase();
  const digitNext = isDigit(first);
  const opener = OPENERS.has(next.toLowerCase());
  if (BEFORE_NUMBER.has(lw)) return digitNext ? false : opener || !/^\p{L}+$/u.test(lw);
  if (NEVER_FINAL.has(lw)) return false;
  if (/^\d{1,3}$/.test(lw)) {
    // "1. Buy milk" (a list number alone so far) and "am 3. Oktober" (an ordinal date).
    if (p.slice(start, i).trim() === lw) return false;
    return !MONTHS.has(next.toLowerCase());
  }
  if (word.length === 1 && isUpper(word)) return opener && next !== 'A' && next !== 'I';
  if (word.length === 1 && isLower(word)) return false;
  if (MAYBE_FINAL.has(lw) || DOTTED.test(word)) return opener;
  return true;
}
