import { splitSentences } from './sentences.js';
export interface SummaryInput { title: string; text: string }
export interface ScoredSentence { index: number; text: string; score: number }
export function scoreSentences(doc: SummaryInput): ScoredSentence[] {
  return splitSentences(doc.text).map((text, index) => ({ index, text, score: -index }));
}
export function summarize(doc: SummaryInput, sentences: number): string[] {
  return scoreSentences(doc).slice(0, sentences).map((s) => s.text);
}
