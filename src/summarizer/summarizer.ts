/**
 * The `Summarizer` seam: how a built digest's story summaries are worded. Extractive (the digest's
 * own sentences, offline) by default; an OpenAI-compatible model endpoint when configured, guarded
 * for faithfulness and falling back to the extractive summary (llm-summarizer.ts).
 */
import type { Article } from '../model.js';
import type { Digest, Story } from '../digest/types.js';
import type { DayCounts } from './summary-cache.js';

/** Rewrites (or keeps) the summaries of a digest's stories. Never throws: a failure keeps the extractive summary. */
export interface Summarizer {
  /** `articles` are those the digest was built from: the evidence a rewrite is checked against. */
  summarize(digest: Digest, articles: readonly Article[], now: Date): Promise<Digest>;
  /** A model summarizer's counts of the UTC day of `now` (calls, rewrites, refusals, failures); none for the extractive one. */
  counts?(now: Date): DayCounts;
  /** The model's name, when there is one. */
  model?: string;
  /** Model calls allowed per UTC day. */
  dailyCalls?: number;
}

/** The default: the digest's extractive summaries as they are. */
export const extractiveSummarizer: Summarizer = {
  summarize: (digest) => Promise.resolve(digest),
};

/**
 * The texts a story's rewrite must be supported by: its headline, extractive sentences and source
 * titles, and the full text of its articles (the lead by id, the others by their source links).
 */
export function storyEvidence(story: Story, articles: readonly Article[]): string[] {
  const urls = new Set(story.sources.flatMap((s) => (s.url ? [s.url] : [])));
  const texts = [story.title, ...story.summary, ...story.sources.map((s) => `${s.name} ${s.title}`)];
  for (const a of articles) {
    if (a.id === story.id || (a.url !== null && urls.has(a.url))) texts.push(a.title, a.description ?? '', a.text);
  }
  return texts;
}

/** The language of a story: its lead article's (null when unknown: read as English). */
export function storyLanguage(story: Story, articles: readonly Article[]): string | null {
  return articles.find((a) => a.id === story.id)?.language ?? null;
}
