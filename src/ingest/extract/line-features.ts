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

/** Features of every line of a page; `lines` are non-blank paragraph lines. */
export function lineFeatures(lines: readonly string[]): LineFeatures[] {
  const toks = lines.map(tokensOf);
  const counts = new Map<string, number>();
  const keys = lines.map(comparable);
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // Where the fixed lists cover little of the page's long lines, its own grammar words count too.
  const long = toks.filter((t) => t.length >= 10);
  const covered = long.length === 0 ? 1 : long.reduce((n, t) => n + t.filter((w) => FUNCTION_WORDS.has(w)).length / t.length, 0) / long.length;
  const own = covered < 0.15 ? pageFunctionWords(toks) : new Set<string>();
  const isStop = (w: string): boolean => FUNCTION_WORDS.has(w) || own.has(w);
  const columns = tableColumns(lines.map((text, i) => ({ text, words: toks[i]!.length })));
  return lines.map((text, i) => {
    const t = toks[i]!;
    const cjkChars = (text.match(CJK) ?? []).length;
    const cjk = cjkChars > text.length * 0.3;
    const words = cjk ? t.length + Math.ceil(cjkChars / 2) : t.length;
    const stops = t.filter(isStop).length;
    const content = text.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !isStop(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')));
    const capped = content.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
    return {
      text,
      words,
      chars: text.length,
      stop: t.length > 0 ? stops / t.length : 0,
      terminal: TERMINAL.test(text),
      punct: (text.match(/[,;，、،]|[.!?。！？؟](?=\s|$)/gu) ?? []).length,
      caps: content.length > 0 ? capped / content.length : 0,
      digits: (text.match(/\p{N}/gu) ?? []).length / Math.max(1, text.replace(/\s/g, '').length),
      glued: (text.match(/\p{Ll}\p{Lu}/gu) ?? []).length,
      repeats: counts.get(keys[i]!) ?? 1,
      address: tokensOf(text.replace(QUOTED, ' ')).filter((w) => ADDRESS.has(w)).length,
      cjk,
      cell: columns[i]! >= 0,
      column: columns[i]!,
    };
  });
}
