/**
 * Per-sentence features for extractive summarising, measured on the BBC reference summaries
 * (which keep about 40% of an article's sentences): how densely a sentence uses the article's
 * repeated content words, its TextRank centrality, its length, its position and its overlap with
 * the headline. Pure; linear in the text apart from the capped TextRank graph.
 */
import { pageRank, similarityMatrix } from './centrality.js';
import { languageRules, normaliseWord } from './languages.js';
import { wordTokens } from './tokens.js';

/** Above this many sentences the quadratic TextRank graph is skipped (centrality from word weight). */
export const MAX_GRAPH_SENTENCES = 200;

/** The raw signals of one sentence; see `sentenceFeatures`. */
export interface SentenceFeatures {
  /** Mean article frequency of the sentence's content words, over the article's best such mean. */
  density: number;
  /** Share of sentences whose density is lower (0 … 1). */
  densityRank: number;
  /** Sum of article frequencies of the content words over (their count)^0.7, over the article's best. */
  focus: number;
  /** Share of sentences whose focus is lower (0 … 1). */
  focusRank: number;
  /** Sum of article frequencies of the content words, over the article's best such sum. */
  weight: number;
  /** TextRank score times the number of sentences (1 = average). */
  centrality: number;
  /** Natural log of 1 + the number of word tokens. */
  logLength: number;
  /** Word tokens. */
  length: number;
  /** 1 for the first sentence. */
  first: number;
  /** Position over the number of sentences (0 … 1). */
  position: number;
  /** Share of the headline's content words that the sentence uses. */
  title: number;
  /** 1 when the sentence quotes someone (opens with a quotation mark). */
  quote: number;
}

const QUOTE_OPEN = /^["“‘']/;

/** Features of each tokenised sentence of one article, in its language (null: unknown, English stop words). */
export function sentenceFeatures(sentences: readonly string[], title: string, language: string | null = null): SentenceFeatures[] {
  const n = sentences.length;
  if (n === 0) return [];
  const rules = languageRules(language);
  const { stopWords } = rules;
  // Arabic-script spelling variants (diacritics, yeh and kaf forms) count as one word.
  const words = rules.english ? wordTokens : (s: string): string[] => wordTokens(s).map((w) => normaliseWord(w, rules.persianLetters));
  const tokens = sentences.map(words);
  const content = tokens.map((t) => t.filter((w) => !stopWords.has(w)));
  const tf = new Map<string, number>();
  for (const c of content) for (const w of c) tf.set(w, (tf.get(w) ?? 0) + 1);
  const sums = content.map((c) => c.reduce((s, w) => s + (tf.get(w) ?? 0), 0));
  const means = content.map((c, i) => (c.length === 0 ? 0 : sums[i]! / c.length));
  // Between a plain sum (favours long sentences) and a mean (favours short ones): measured to
  // separate kept from dropped sentences best at an exponent of about 0.7.
  const focus = content.map((c, i) => (c.length === 0 ? 0 : sums[i]! / Math.pow(c.length, 0.7)));
  const maxFocus = Math.max(...focus) || 1;
  const sortedFocus = [...focus].sort((a, b) => a - b);
  const maxSum = Math.max(...sums) || 1;
  const maxMean = Math.max(...means) || 1;
  const sortedMeans = [...means].sort((a, b) => a - b);
  const titleWords = new Set(words(title).filter((w) => !stopWords.has(w)));
  const central = centralities(tokens, sums);
  return sentences.map((s, i) => {
    const c = content[i]!;
    let inTitle = 0;
    if (titleWords.size > 0) for (const w of new Set(c)) if (titleWords.has(w)) inTitle++;
    return {
      density: means[i]! / maxMean,
      densityRank: n === 1 ? 1 : lowerCount(sortedMeans, means[i]!) / (n - 1),
      focus: focus[i]! / maxFocus,
      focusRank: n === 1 ? 1 : lowerCount(sortedFocus, focus[i]!) / (n - 1),
      weight: sums[i]! / maxSum,
      centrality: central[i]! * n,
      logLength: Math.log1p(tokens[i]!.length),
      length: tokens[i]!.length,
      first: i === 0 ? 1 : 0,
      position: i / n,
      title: titleWords.size === 0 ? 0 : inTitle / titleWords.size,
      quote: QUOTE_OPEN.test(s) ? 1 : 0,
    };
  });
}

/** How many values of the ascending array are below `x` (binary search). */
function lowerCount(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** TextRank shares (summing to 1); for very long texts, word weight shares instead. */
function centralities(tokens: readonly string[][], sums: readonly number[]): number[] {
  const n = tokens.length;
  if (n > MAX_GRAPH_SENTENCES) {
    const total = sums.reduce((a, b) => a + b, 0) || 1;
    return sums.map((s) => s / total);
  }
  const scores = pageRank(similarityMatrix(tokens), n, 0.85, 1e-4, 100);
  let total = 0;
  for (const s of scores) total += s;
  return [...scores].map((s) => s / (total || 1));
}
