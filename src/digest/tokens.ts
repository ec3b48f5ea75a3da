/** Word tokens for sentence scoring: lower-cased runs of letters, digits and underscore. */

const WORD = /[\p{L}\p{N}_]+/gu;

/** Lower-cased word tokens of a text, as the ROUGE metric counts them. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
