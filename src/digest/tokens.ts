/**
 * Word tokens for sentence scoring: lower-cased runs of letters (with their combining marks, so
 * Arabic vowels and Indic vowel signs stay inside a word), digits and underscore; a zero-width
 * non-joiner inside a Persian word keeps it one word.
 */

const WORD = /[\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*(?:\u200c[\p{L}\p{M}\p{N}_]+)*/gu;

/** Lower-cased word tokens of a text. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
