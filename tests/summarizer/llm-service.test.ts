/**
 * Model summaries end to end: newsbot with NEWSBOT_LLM_URL at a fake OpenAI-compatible endpoint,
 * a Telegram user's /digest through the real bot (telegraf against the fake Bot API) gets the
 * rewrite, a model that invents a fact leaves the extractive summary, and `newsbot status` counts both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runService } from '../../src/service.js';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { startFakeModel, type FakeModel } from '../fakes/model/fake-model.js';
import { runCli } from '../cli/run-cli.js';

const TOKEN = '123456789:AAF-llmServiceToken_abcdefghijklmnopq';
const dir = mkdtempSync(join(tmpdir(), 'newsbot-llm-service-'));
let model: FakeModel;
beforeAll(async () => {
  model = await startFakeModel({ delayMs: 10 });
});
afterAll(async () => {
  await model.close();
  rmSync(dir, { recursive: true, force: true });
});

const FIRST = 'The harbour bridge reopened to traffic on Monday after three weeks of repairs.';
const SECOND = 'Engineers replaced two cables and resurfaced the deck, the city council said.';

/** One fresh story (dated an hour ago, so it is in the digest window). */
function feedFile(): string {
  const file = join(dir, 'fresh.rss');
  const at = new Date(Date.now() - 3_600_000).toUTCString();
  writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Fresh Wire</title><link>https://news.example/</link>
    <item><title>Harbour bridge reopens after repairs</title><link>https://news.example/bridge</link><pubDate>${at}</pubDate><description>${FIRST} ${SECOND}</description></item></channel></rss>`);
  return file;
}

async function digestFromTelegram(db: string, path: 'good' | 'invent', name: string): Promise<string> {
  const fake = await FakeBotApi.start({ token: TOKEN });
  try {
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, NEWSBOT_LOG_LEVEL: 'error', NEWSBOT_LLM_URL: model.url(path), NEWSBOT_LLM_MODEL: name };
    let stop!: (s: string) => void;
    const running = runService(loadConfig(env, { dataDir: db }), { signal: new Promise<string>((resolve) => (stop = resolve)) });
    const user = { chat: { id: 8101, type: 'private' as const }, from: { id: 8101, first_name: 'Ann' } };
    const before = fake.sent.length;
    fake.sendCommand({ ...user, text: '/digest' });
    const messages = await fake.waitForMessages(before + 1, '8101', 30_000);
    stop('test');
    expect(await running).toBe(0);
    return messages.map((m) => m.visible).join('\n');
  } finally {
    await fake.close();
  }
}

describe('NEWSBOT_LLM_URL through the bot', () => {
  it('rewrites the story of a /digest, keeps the extractive summary when the model invents, and newsbot status counts both', async () => {
    const db = join(dir, 'data');
    expect((await runCli(['--db', db, 'ingest', feedFile()])).code).toBe(0);

    const rewritten = await digestFromTelegram(db, 'good', 'model-a');
    // The fake's faithful rewrite puts the input sentences last first.
    expect(rewritten.indexOf(SECOND)).toBeGreaterThanOrEqual(0);
    expect(rewritten.indexOf(SECOND)).toBeLessThan(rewritten.indexOf(FIRST));
    expect(model.chats.filter((c) => c.path.endsWith('good'))).toHaveLength(1);

    // Another model is another cache key: asked again, it invents a fact, so the digest keeps the article's order.
    const invented = await digestFromTelegram(db, 'invent', 'model-b');
    expect(invented.indexOf(FIRST)).toBeLessThan(invented.indexOf(SECOND));

    const env = { NEWSBOT_LLM_URL: model.url('invent'), NEWSBOT_LLM_MODEL: 'model-b', NEWSBOT_LLM_DAILY_CALLS: '40' };
    const status = await runCli(['--db', db, 'status'], { env });
    expect(status.stdout).toMatch(/model summaries today \(model-b, UTC \d{4}-\d\d-\d\d\): 2 of 40 calls; 1 rewritten, 1 refused as unfaithful, 0 failed, 0 over budget/);
    const json = JSON.parse((await runCli(['--db', db, 'status', '--json'], { env })).stdout) as { modelSummaries: Record<string, unknown> };
    expect(json.modelSummaries).toMatchObject({ model: 'model-b', dailyCalls: 40, calls: 2, rewritten: 1, unfaithful: 1 });
  }, 120_000);
});
