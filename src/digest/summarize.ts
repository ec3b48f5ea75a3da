/**
 * Extractive summaries: whole sentences of the article, in reading order.
 *
 * Each sentence gets the probability that an editor would keep it (a logistic model over
 * `sentenceFeatures`, weights fitted on half of the BBC News Summary development set and checked
 * on the other half) times a bonus for length: with only a few sentences to show, a longer kept
 * sentence tells more, which is also what ROUGE F1 against a long reference rewards.
 */
import { sentenceFeatures, type SentenceFeatures } from './sentence-features.js';
import { splitSentences } from './sentences.js';

/** An article to summarise. */
export interface SummaryInput {
  title: string;
  text: string;
  /** ISO 639-1 code of the text (sentence ends, abbreviations, stop words); null or absent: unknown. */
  language?: string | null;
}

/** One sentence of the article with its score (positive; higher is more summary-worthy). */
export interface ScoredSentence {
  /** Position of the sentence in the article (0-based). */
  index: number;
  text: string;
  score: number;
}

/** Logistic weights for "an editor keeps this sentence", on the raw feature values. */
const WEIGHTS = {
  bias: -2.981,
  density: -0.308,
  densityRank: 1.796,
  focus: 0.536,
  focusRank: 4.425,
  weight: 1.216,
  centrality: 2.376,
  logLength: -1.293,
  first: 0.242,
  position: -0.242,
  title: 0.865,
  quote: -0.159,
} as const satisfies Partial<Record<keyof SentenceFeatures | 'bias', number>>;

/** How much a doubling of length is worth against the log-probability of being kept. */
const LENGTH_BONUS = 1.25;

/** log σ(z), computed without overflow. */
const logSigmoid = (z: number): number => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z)));

function score(f: SentenceFeatures): number {
  const w = WEIGHTS;
  const z =
    w.bias + w.density * f.density + w.densityRank * f.densityRank + w.focus * f.focus + w.focusRank * f.focusRank + w.weight * f.weight + w.centrality * f.centrality +
    w.logLength * f.logLength + w.first * f.first + w.position * f.position + w.title * f.title + w.quote * f.quote;
  // σ(z) · (1 + words)^bonus: positive, so callers can scale scores by the article's best.
  return Math.exp(logSigmoid(z) + LENGTH_BONUS * f.logLength);
}

/** Every sentence of the article, in document order, with its score. */
export function scoreSentences(doc: SummaryInput): ScoredSentence[] {
  const language = doc.language ?? null;
  const sentences = splitSentences(doc.text, language);
  const features = sentenceFeatures(sentences, doc.title, language);
  return sentences.map((text, index) => ({ index, text, score: score(features[index]!) }));
}

/** The `sentences` best sentences of the article, whole and in document order (all of them if it is that short). */
export function summarize(doc: SummaryInput, sentences: number): string[] {
  if (!(sentences >= 1)) return [];
  const scored = scoreSentences(doc);
  if (scored.length <= sentences) return scored.map((s) => s.text);
  return [...scored]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.floor(sentences))
    .sort((a, b) => a.index - b.index)
    .map((s) => s.text);
}
