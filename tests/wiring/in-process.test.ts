/** The application wiring (cli.ts main, app.ts, service.ts, the registry's start) run in this process, so coverage sees it. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { runService } from '../../src/service.js';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = '123456789:AAF-inProcessToken_abcdefghijklmnopqr';
const dir = mkdtempSync(join(tmpdir(), 'newsbot-wiring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function capture(): { out: () => string } {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  return { out: () => out };
}

describe('the CLI in-process', () => {
  it('ingests the samples, prints a Telegram-format digest and reports a bad flag with exit 2', async () => {
    const db = join(dir, 'cli');
    const io = capture();
    expect(await main(['node', 'newsbot', '--db', db, 'ingest', join(ROOT, 'data', 'samples')])).toBe(0);
    expect(io.out()).toMatch(/ingested \d+ inputs: \d+ added/);
    expect(await main(['node', 'newsbot', '--db', db, 'digest', '--since', '3650d', '--format', 'telegram'])).toBe(0);
    expect(io.out()).toContain('<b>');
    expect(await main(['node', 'newsbot', '--db', db, 'digest', '--since', 'soon'])).toBe(2);
    expect(io.out()).toContain('--since "soon" is not a duration');
    expect(await main(['node', 'newsbot', '--db', db, 'status', '--json'])).toBe(0);
  });
});

describe('newsbot start in-process (registry → Telegram platform → scheduler)', () => {
  it('starts the configured platform, answers a command through the shared router, and stops on the signal with 0', async () => {
    const fake = await FakeBotApi.start({ token: TOKEN });
    try {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, NEWSBOT_LOG_LEVEL: 'error' }, { dataDir: join(dir, 'svc') });
      let stop!: (s: string) => void;
      const signal = new Promise<string>((resolve) => (stop = resolve));
      const running = runService(config, { signal });
      await vi.waitUntil(() => fake.commands !== null, { timeout: 15_000, interval: 50 });
      fake.sendCommand({ chat: { id: 7001, type: 'private' }, from: { id: 7001, first_name: 'Ann' }, text: '/help' });
      const [reply] = await fake.waitForMessages(1, '7001', 15_000);
      expect(reply!.visible).toContain('Admin commands are for chat administrators.');
      stop('test');
      expect(await running).toBe(0);
    } finally {
      await fake.close();
    }
  });
});

describe('newsbot start when its data folder is deleted under it', () => {
  it('notices within the check interval, says so in one line, exits 1, and does not write a new folder', async () => {
    const db = join(dir, 'vanish');
    const fake = await FakeBotApi.start({ token: TOKEN });
    const io = capture();
    try {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, NEWSBOT_LOG_LEVEL: 'error' }, { dataDir: db });
      // No signal ever comes: only the lost folder can end this run.
      const running = runService(config, { signal: new Promise<string>(() => undefined), folderCheckMs: 50 });
      await vi.waitUntil(() => fake.commands !== null, { timeout: 15_000, interval: 50 });
      rmSync(db, { recursive: true, force: true });
      expect(await running).toBe(1);
      expect(io.out()).toMatch(/newsbot: the (data folder|lock file) .* was deleted while newsbot was running; stopped without writing anything more\. Restore the data folder/);
      // A command after the loss is not answered from (or written into) a new empty folder.
      fake.sendCommand({ chat: { id: 7002, type: 'private' }, from: { id: 7002, first_name: 'Bo' }, text: '/subscribe 07:00 UTC' });
      await new Promise((r) => setTimeout(r, 300));
      expect(existsSync(db)).toBe(false);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
