/**
 * The baselines the summariser is measured against: LEAD-3 (the first sentences) and TextRank
 * (Mihalcea & Tarau similarity, PageRank d = 0.85, best sentences shown in document order).
 */
import { pageRank, similarityMatrix } from '../digest/centrality.js';
import { splitSentences } from '../digest/sentences.js';
import { wordTokens } from '../digest/tokens.js';

/** The first `count` sentences of the text. */
export function lead(text: string, count = 3): string[] {
  return splitSentences(text).slice(0, count);
}

/** The `count` sentences of highest TextRank, in document order. */
export function textRank(text: string, count = 3): string[] {
  const sentences = splitSentences(text);
  if (sentences.length <= count) return sentences;
  const tokens = sentences.map(wordTokens);
  const scores = pageRank(similarityMatrix(tokens), sentences.length, 0.85);
  return [...scores.keys()]
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => sentences[i]!);
}
