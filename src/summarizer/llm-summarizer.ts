/**
 * Abstractive summaries from an OpenAI-compatible model, guarded: each story's extractive sentences
 * and sources go to the model; the rewrite is kept only if every number, date and name in it is in
 * the story's articles (digest/faithfulness.ts). Otherwise, and on any failure, over the daily
 * budget or past the timeout, the extractive summary stays. Outcomes are cached per story version.
 */
import type { Article } from '../model.js';
import type { Logger } from '../log.js';
import type { Story } from '../digest/types.js';
import { unsupportedFacts } from '../digest/faithfulness.js';
import { splitSentences } from '../digest/sentences.js';
import { chatCompletion, type ChatEndpoint, type ChatMessage } from './chat-completions.js';
import { storyEvidence, storyLanguage, type Summarizer } from './summarizer.js';
import { storyVersion, type DayCounts, type SummaryCache } from './summary-cache.js';

/** Settings of the model summarizer (README, "Environment"). */
export interface LlmSettings {
  endpoint: ChatEndpoint;
  /** Model calls in flight at once, across all digests. */
  concurrency: number;
  /** Model calls per UTC day. */
  dailyCalls: number;
}

/** A rewrite longer than this is not a summary of a few sentences. */
const MAX_REWRITE_CHARS = 1200;
const MAX_REWRITE_SENTENCES = 5;

const SYSTEM_PROMPT =
  'You rewrite news summaries. Write 2 or 3 short, neutral sentences in the language of the input, as plain text. ' +
  'Use only facts stated in the input sentences; never add a number, date, name or place that is not in them. No preamble, no lists.';

function promptFor(story: Story): ChatMessage[] {
  const sources = story.sources.map((s) => s.name).join(', ');
  const user = `Headline: ${story.title}\nSources: ${sources}\nSentences:\n${story.summary.map((s) => `- ${s}`).join('\n')}`;
  return [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: user }];
}

/** The model's text as summary sentences, or null when it is not a short plain summary. */
export function rewriteSentences(content: string): string[] | null {
  const text = content.replace(/^```\w*\s*|```\s*$/g, '').replace(/^\s*(?:summary|zusammenfassung|résumé|resumen)\s*:\s*/i, '').trim();
  if (text.length === 0 || text.length > MAX_REWRITE_CHARS) return null;
  if (/^[{[<]/.test(text)) return null; // JSON or markup, not prose
  const sentences = splitSentences(text).map((s) => s.replace(/^[-*•]\s+/, '').trim()).filter(Boolean);
  if (sentences.length === 0 || sentences.length > MAX_REWRITE_SENTENCES) return null;
  return sentences;
}

/** A counting semaphore: at most `limit` tasks run at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The model summarizer; `counts(now)` reports the day's calls, rewrites, refusals and failures. */
export function createLlmSummarizer(settings: LlmSettings, cache: SummaryCache, log: Logger): Summarizer & { counts(now: Date): DayCounts } {
  const run = limiter(Math.max(1, settings.concurrency));
  const { endpoint } = settings;

  async function rewrite(story: Story, articles: readonly Article[], now: Date): Promise<Story> {
    if (story.summary.length === 0) return story;
    const key = storyVersion(story, endpoint.model);
    const cached = cache.get(key);
    if (cached) return cached.summary ? { ...story, summary: cached.summary } : story;
    return run(async () => {
      if (cache.counts(now).calls >= settings.dailyCalls) {
        cache.count(now, 'overBudget');
        return story;
      }
      cache.count(now, 'calls');
      let sentences: string[] | null;
      try {
        sentences = rewriteSentences(await chatCompletion(endpoint, promptFor(story)));
      } catch (err) {
        cache.count(now, 'failed');
        log.warn('model summary failed; extractive summary kept', { story: story.id, reason: err instanceof Error ? err.message : String(err) });
        return story;
      }
      if (sentences === null) {
        cache.count(now, 'failed');
        log.warn('model summary unusable; extractive summary kept', { story: story.id });
        return story;
      }
      const missing = unsupportedFacts(sentences.join(' '), storyEvidence(story, articles), storyLanguage(story, articles));
      if (missing.length > 0) {
        cache.count(now, 'unfaithful');
        cache.put(key, null, now);
        log.info('model summary states facts not in the articles; extractive summary kept', { story: story.id, facts: missing.slice(0, 5) });
        return story;
      }
      cache.count(now, 'rewritten');
      cache.put(key, sentences, now);
      return { ...story, summary: sentences };
    });
  }

  return {
    async summarize(digest, articles, now) {
      const stories = await Promise.all(digest.stories.map((s) => rewrite(s, articles, now)));
      await cache.flush().catch((err: unknown) => log.warn('summary cache not written', { err }));
      return { ...digest, stories };
    },
    counts: (now) => ({ ...cache.counts(now) }),
    model: endpoint.model,
    dailyCalls: settings.dailyCalls,
  };
}
