/**
 * /digest through the real Telegram client and router with the model summarizer on a fake
 * OpenAI-compatible endpoint: a faithful rewrite is shown, an invented fact is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { Article } from '../../../src/model.js';
import { silentLogger } from '../../../src/log.js';
import { createLlmSummarizer } from '../../../src/summarizer/llm-summarizer.js';
import { SummaryCache } from '../../../src/summarizer/summary-cache.js';
import { startFakeModel, type FakeModel } from '../../fakes/model/fake-model.js';
import { ALICE, NOW, PRIVATE, startHarness, type Harness } from './harness.js';

const t = new Date(NOW.getTime() - 3_600_000).toISOString();
const ARTICLE: Article = {
  id: 'c000000000000001', url: 'https://news.example/tram', title: 'Leeds approves tram extension', description: null, byline: null,
  text: 'The council in Leeds approved a tram extension on Friday. Councillor Amira Shah said work starts in spring. The line will serve 12 new stops.',
  published: t, fetchedAt: t, source: 'Example News', language: 'en', feedId: null,
};

let model: FakeModel;
const harnesses: Harness[] = [];
beforeAll(async () => {
  model = await startFakeModel();
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await model.close();
});

async function digestVia(path: 'good' | 'invent'): Promise<string> {
  const store = createMemoryStore();
  await store.addArticles([ARTICLE]);
  const summarizer = createLlmSummarizer({ endpoint: { url: model.url(path), model: 'm', apiKey: null, timeoutMs: 10_000 }, concurrency: 1, dailyCalls: 10 }, await SummaryCache.open(null), silentLogger);
  const handler = createCommandHandler({
    store, config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
    readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
    nextRun: () => null, log: silentLogger, summarizer,
  });
  const h = await startHarness({ handler });
  harnesses.push(h);
  return h.ask(PRIVATE, ALICE, '/digest');
}

describe('model summaries through Telegram', () => {
  it('given a faithful model, the digest shows its rewrite (the sentences, last first)', async () => {
    const out = await digestVia('good');
    expect(out.indexOf('The line will serve 12 new stops.')).toBeLessThan(out.indexOf('The council in Leeds approved'));
    expect(model.chats.at(-1)?.messages.at(-1)?.content).toContain('Leeds approves tram extension');
  });

  it('given a model that invents facts, the digest keeps the extractive summary', async () => {
    const out = await digestVia('invent');
    expect(out).not.toContain('Ortega');
    expect(out.indexOf('The council in Leeds approved')).toBeLessThan(out.indexOf('The line will serve 12 new stops.'));
  });
});
