/** The model summarizer against a fake OpenAI-compatible endpoint on 127.0.0.1. */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import type { Article } from '../../src/model.js';
import { createLlmSummarizer, rewriteSentences } from '../../src/summarizer/llm-summarizer.js';
import { SummaryCache, CACHE_FILE } from '../../src/summarizer/summary-cache.js';
import { rawLogger } from '../bots/telegram/harness.js';
import { startFakeModel, type FakeModel } from '../fakes/model/fake-model.js';

const NOW = new Date('2026-03-02T09:30:00Z');
function article(id: string, title: string, text: string, source = 'Example News'): Article {
  const t = new Date(NOW.getTime() - 3_600_000).toISOString();
  return { id, url: `https://news.example/${id}`, title, text, description: null, byline: null, published: t, fetchedAt: t, source, language: 'en', feedId: null };
}
const ARTICLES = [
  article('a000000000000001', 'Leeds approves tram extension', 'The council in Leeds approved a tram extension on Friday. Councillor Amira Shah said work starts in spring. The line will serve 12 new stops across the city.'),
  article('a000000000000002', 'Snow closes Kirkstone Pass', 'Heavy snow closed the Kirkstone Pass on Wednesday morning. Police in Cumbria asked drivers to avoid the road. The pass reopened after 9 hours of ploughing.'),
];
const digest = () => buildDigest(ARTICLES, { now: NOW, from: new Date(NOW.getTime() - 86_400_000), to: NOW });

let fake: FakeModel;
let dir: string;
beforeAll(async () => {
  fake = await startFakeModel({ delayMs: 30 });
  dir = mkdtempSync(join(tmpdir(), 'newsbot-llm-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const settings = (path: Parameters<FakeModel['url']>[0], extra: { timeoutMs?: number; dailyCalls?: number; concurrency?: number; apiKey?: string } = {}) => ({
  endpoint: { url: fake.url(path), model: 'test-model', apiKey: extra.apiKey ?? null, timeoutMs: extra.timeoutMs ?? 10_000 },
  concurrency: extra.concurrency ?? 2,
  dailyCalls: extra.dailyCalls ?? 100,
});

describe('createLlmSummarizer', () => {
  it('given a faithful model, uses its rewrite and sends the key as a bearer token, never to the log', async () => {
    const logs: string[] = [];
    const s = createLlmSummarizer(settings('good', { apiKey: 'sk-secret-key-123' }), await SummaryCache.open(null), rawLogger(logs));
    const extractive = digest();
    const out = await s.summarize(extractive, ARTICLES, NOW);
    expect(out.stories).toHaveLength(2);
    for (const [i, story] of out.stories.entries()) expect(story.summary).toEqual([...extractive.stories[i]!.summary].reverse());
    expect(fake.chats.at(-1)).toMatchObject({ authorization: 'Bearer sk-secret-key-123', model: 'test-model' });
    expect(s.counts(NOW)).toMatchObject({ calls: 2, rewritten: 2, unfaithful: 0, failed: 0 });
    expect(logs.join('\n')).not.toContain('sk-secret');
  });

  it('given a model that invents a number and a name, keeps the extractive summary and counts the miss', async () => {
    const logs: string[] = [];
    const s = createLlmSummarizer(settings('invent'), await SummaryCache.open(null), rawLogger(logs));
    const extractive = digest();
    const out = await s.summarize(extractive, ARTICLES, NOW);
    expect(out.stories.map((x) => x.summary)).toEqual(extractive.stories.map((x) => x.summary));
    expect(s.counts(NOW)).toMatchObject({ calls: 2, rewritten: 0, unfaithful: 2 });
    expect(logs.join('\n')).toContain('4700');
  });

  it('given a model that times out, returns garbage or fails, keeps the extractive summary', async () => {
    for (const path of ['slow', 'garbage', 'error'] as const) {
      const s = createLlmSummarizer(settings(path, { timeoutMs: 500 }), await SummaryCache.open(null), rawLogger([]));
      const extractive = digest();
      const out = await s.summarize(extractive, ARTICLES, NOW);
      expect(out.stories.map((x) => x.summary), path).toEqual(extractive.stories.map((x) => x.summary));
      expect(s.counts(NOW), path).toMatchObject({ calls: 2, failed: 2, rewritten: 0 });
    }
  });

  it('holds the concurrency cap and the daily budget', async () => {
    const many = Array.from({ length: 8 }, (_, i) => article(`b00000000000000${i}`, `Story ${i} about river ${i}`, `The river Aire${i} rose by ${i + 2} metres near Otley${i}. Residents of Otley${i} moved ${i + 10} cars. Engineers in Otley${i} checked the bridge.`, `Source ${i}`));
    const d = buildDigest(many, { now: NOW, from: new Date(NOW.getTime() - 86_400_000), to: NOW });
    expect(d.stories.length).toBe(8);
    const fresh = await startFakeModel({ delayMs: 80 });
    try {
      const s = createLlmSummarizer({ endpoint: { url: fresh.url('good'), model: 'm', apiKey: null, timeoutMs: 10_000 }, concurrency: 2, dailyCalls: 5 }, await SummaryCache.open(null), rawLogger([]));
      const out = await s.summarize(d, many, NOW);
      expect(fresh.maxInFlight()).toBeLessThanOrEqual(2);
      expect(fresh.chats).toHaveLength(5);
      expect(s.counts(NOW)).toMatchObject({ calls: 5, rewritten: 5, overBudget: 3 });
      expect(out.stories.filter((x, i) => x.summary.join() !== d.stories[i]!.summary.join())).toHaveLength(5);
      // A new UTC day has a new budget.
      expect(s.counts(new Date('2026-03-03T00:00:01Z')).calls).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('caches each story version on disk: a restart makes no new call, and a changed story is asked again', async () => {
    const first = createLlmSummarizer(settings('good'), await SummaryCache.open(dir), rawLogger([]));
    const before = fake.chats.length;
    const a = await first.summarize(digest(), ARTICLES, NOW);
    expect(fake.chats.length - before).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8'))).toMatchObject({ version: 1, counts: { calls: 2 } });
    const second = createLlmSummarizer(settings('good'), await SummaryCache.open(dir), rawLogger([]));
    const b = await second.summarize(digest(), ARTICLES, NOW);
    expect(fake.chats.length - before).toBe(2);
    expect(b.stories.map((s) => s.summary)).toEqual(a.stories.map((s) => s.summary));
    expect(second.counts(NOW).calls).toBe(2); // the day's count survived the restart
    const changed = [ARTICLES[0]!, { ...ARTICLES[1]!, title: 'Snow shuts Kirkstone Pass for a day' }];
    await second.summarize(buildDigest(changed, { now: NOW, from: new Date(NOW.getTime() - 86_400_000), to: NOW }), changed, NOW);
    expect(fake.chats.length - before).toBe(3);
  });
});

describe('rewriteSentences', () => {
  it('takes plain prose, refuses JSON, markup, empty and overlong answers', () => {
    expect(rewriteSentences('Summary: The pass closed. It reopened later.')).toEqual(['The pass closed.', 'It reopened later.']);
    expect(rewriteSentences('{"summary":"x"}')).toBeNull();
    expect(rewriteSentences('<p>x</p>')).toBeNull();
    expect(rewriteSentences('   ')).toBeNull();
    expect(rewriteSentences('A sentence here. '.repeat(100))).toBeNull();
  });
});
