import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import type { CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import { wordingOf } from '../../../src/bots/registry.js';
import { extractText } from '../../../src/ingest/extract/text.js';
import { toArticle } from '../../../src/ingest/to-article.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';

// The page is dated March 9, 2024 (its date line goes to `published`); search looks back 30 days.
const NOW = new Date('2024-03-10T12:00:00Z');
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scraped', 'page-05.txt');

function request(command: string, args: string[]): CommandRequest {
  return { platform: 'telegram', chatId: '-100', scope: '-100', chatType: 'group', userId: 'u1', isAdmin: false, command, args, now: NOW };
}

const text = (r: Reply): string => (r.kind === 'text' ? [r.title ?? '', ...r.lines].join('\n') : JSON.stringify(r));

describe('a scraped page through the store and the command router', () => {
  it('given a page whose chrome comes before its headline, /search of a headline word finds it under its real title', async () => {
    const store = createMemoryStore();
    const extracted = extractText(readFileSync(fixture, 'utf8'), { fileName: 'page-05.txt' });
    await store.addArticles([toArticle(extracted, { defaultSource: 'scraped', now: NOW })]);
    const handle = createCommandHandler({
      wording: wordingOf,
      store,
      config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
      readUrl: async () => {
        throw new Error('no pages are read in this test');
      },
      fetcher: async () => {
        throw new Error('no network in this test');
      },
      nextRun: (_sub, after) => new Date(after.getTime() + 3_600_000),
      log: silentLogger,
    });
    const reply = text(await handle(request('search', ['bakery'])));
    expect(reply).toContain('Kilnsey Bakery Wins National Prize for its rye Bread');
    expect(reply).not.toMatch(/Hop to article|Log on|By staying on our pages/);
  });
});
