/**
 * What a line of page text looks like, measured without knowing its words: length, the share of
 * function words, sentence punctuation, capitalised words, digits, words glued together by a lost
 * layout ("FacebookTwitterEmail"), and how often the same line recurs in the page. These are the
 * shallow text features of the boilerplate-removal literature (boilerpipe, jusText).
 */
import { comparable } from './clean.js';
import { FUNCTION_WORDS, pageFunctionWords } from './function-words.js';
import { tableColumns } from './table-cells.js';

/** Shallow features of one line. */
export interface LineFeatures {
  text: string;
  /** The line's lower-case word tokens ({@link tokensOf}), kept for the steps that compare words. */
  tokens: readonly string[];
  /** The line's comparable form (clean.ts), kept for the steps that compare lines. */
  key: string;
  /** Word tokens, lower case (CJK text counted two characters to a word). */
  words: number;
  chars: number;
  /** Share of words that are function words (0–1). */
  stop: number;
  /** Ends like a sentence: . ! ? … or a closing quote after one. */
  terminal: boolean;
  /** Sentence ends inside the line, plus commas and semicolons: the grammar of prose. */
  punct: number;
  /** Share of content words that start with a capital letter. */
  caps: number;
  /** Share of characters that are digits. */
  digits: number;
  /** Places where a lower-case letter runs straight into a capital ("SubscribeSign"). */
  glued: number;
  /** Lines in the page with the same comparable text, this one included. */
  repeats: number;
  /** Words addressing the reader (you, your, we, our…) outside quotation marks. */
  address: number;
  /** Written in a script without spaces (Chinese, Japanese): word counts mean little. */
  cjk: boolean;
  /** A cell of a table printed one cell a line (table-cells.ts): content, though not prose. */
  cell: boolean;
  /** The cell's column, 0 where a row starts; -1 for a line that is no cell. */
  column: number;
}

/**
 * Second-person and first-person-plural pronouns: a page speaks to its reader in these (sign-up
 * prompts, cookie notices, appeals for support); a news report speaks of third persons.
 */
const ADDRESS = new Set('you your yours we our us sie ihnen ihr ihre wir unser unsere uns vous votre vos nous notre nos usted ustedes su nosotros nuestro nuestra vosotros вы вас ваш ваша мы нас наш наша'.split(' '));
/** Text in quotation marks: a quoted speaker may say "we" to anyone. */
const QUOTED = /["“„«][^"“”„«»]*["”»]/gu;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;
const TERMINAL = /[.!?…。！？؟۔](?:["”»'’)\]]*)$/u;

/** Lower-case word tokens of a line. */
export function tokensOf(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []);
}

/** Whitespace between the words of a line. */
const SPACES = /\s+/;
const HAS_LETTER = /\p{L}/u;
const NOT_WORD_CHAR = /[^\p{L}\p{N}]/gu;
const CAPITALISED = /^[^\p{L}]*\p{Lu}/u;

/**
 * How a space-separated piece of a line counts: 0 not a content word (no letter, or a function
 * word once lower-cased and stripped to letters and digits), 1 a content word, 2 a capitalised one.
 * Pieces of printable ASCII are read by character codes; others by the Unicode classes.
 */
function pieceShape(w: string, isStop: (w: string) => boolean): 0 | 1 | 2 {
  let letter = -1;
  let plain = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return pieceShapeUnicode(w, isStop);
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isLetter && letter < 0) letter = c;
    if (!(c >= 97 && c <= 122) && !(c >= 48 && c <= 57)) plain = false;
  }
  if (letter < 0) return 0;
  if (isStop(plain ? w : w.toLowerCase().replace(NOT_WORD_CHAR, ''))) return 0;
  return letter <= 90 ? 2 : 1;
}

function pieceShapeUnicode(w: string, isStop: (w: string) => boolean): 0 | 1 | 2 {
  if (!HAS_LETTER.test(w) || isStop(w.toLowerCase().replace(NOT_WORD_CHAR, ''))) return 0;
  return CAPITALISED.test(w) ? 2 : 1;
}

/** Features of every line of a page; `lines` are non-blank paragraph lines. */
export function lineFeatures(lines: readonly string[]): LineFeatures[] {
  const toks = lines.map(tokensOf);
  const counts = new Map<string, number>();
  const keys = lines.map(comparable);
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // Function words of the fixed lists in each line.
  const listed = toks.map((t) => {
    let n = 0;
    for (const w of t) if (FUNCTION_WORDS.has(w)) n++;
    return n;
  });
  // Where the fixed lists cover little of the page's long lines, its own grammar words count too.
  let longLines = 0;
  let coverSum = 0;
  toks.forEach((t, i) => {
    if (t.length < 10) return;
    longLines++;
    coverSum += listed[i]! / t.length;
  });
  const covered = longLines === 0 ? 1 : coverSum / longLines;
  const own = covered < 0.15 ? pageFunctionWords(toks) : new Set<string>();
  const isStop = (w: string): boolean => FUNCTION_WORDS.has(w) || own.has(w);
  const columns = tableColumns(lines.map((text, i) => ({ text, words: toks[i]!.length })));
  return lines.map((text, i) => {
    const t = toks[i]!;
    const cjkChars = (text.match(CJK) ?? []).length;
    const cjk = cjkChars > text.length * 0.3;
    const words = cjk ? t.length + Math.ceil(cjkChars / 2) : t.length;
    const stops = own.size === 0 ? listed[i]! : t.filter(isStop).length;
    let content = 0;
    let capped = 0;
    for (const w of text.split(SPACES)) {
      const shape = pieceShape(w, isStop);
      if (shape > 0) content++;
      if (shape === 2) capped++;
    }
    const unquoted = text.replace(QUOTED, ' ');
    let address = 0;
    for (const w of unquoted === text ? t : tokensOf(unquoted)) if (ADDRESS.has(w)) address++;
    return {
      text,
      tokens: t,
      key: keys[i]!,
      words,
      chars: text.length,
      stop: t.length > 0 ? stops / t.length : 0,
      terminal: TERMINAL.test(text),
      punct: (text.match(/[,;，、،]|[.!?。！？؟](?=\s|$)/gu) ?? []).length,
      caps: content > 0 ? capped / content : 0,
      digits: (text.match(/\p{N}/gu) ?? []).length / Math.max(1, text.replace(/\s/g, '').length),
      glued: (text.match(/\p{Ll}\p{Lu}/gu) ?? []).length,
      repeats: counts.get(keys[i]!) ?? 1,
      address,
      cjk,
      cell: columns[i]! >= 0,
      column: columns[i]!,
    };
  });
}
