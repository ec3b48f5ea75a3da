import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram/fake-bot-api.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { ingestInputs } from '../../src/ingest/ingest.js';
import type { Subscription } from '../../src/model.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = '123456789:AAF-serviceTestToken_abcdefghijklmnopq';
const GROUP = -4001;

interface Running { child: ChildProcess; output: () => string; exited: Promise<number | null> }

function startService(db: string, apiRoot: string): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start', '--db', db], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, NEWSBOT_LOG_LEVEL: 'debug', NEWSBOT_ALLOW_PRIVATE_URLS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function stop(r: Running): Promise<{ code: number | null; ms: number }> {
  const t = Date.now();
  r.child.kill('SIGTERM');
  const code = await r.exited;
  return { code, ms: Date.now() - t };
}

describe('newsbot start with a Telegram token (real telegraf, fake Bot API)', () => {
  let fake: FakeBotApi;
  let db: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: TOKEN });
    db = join(mkdtempSync(join(tmpdir(), 'newsbot-svc-')), 'data');
    const now = new Date();
    const store = await openStore(db);
    // Stored two hours ago, before the missed slot.
    await ingestInputs(store, [join(ROOT, 'data', 'samples')], { now: new Date(now.getTime() - 2 * 3_600_000) });
    // A slot 20 minutes ago that the service missed while it was down: caught up on start.
    const slot = new Date(now.getTime() - 20 * 60_000);
    const hhmm = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
    const created = new Date(now.getTime() - 2 * 86_400_000).toISOString();
    const sub: Subscription = {
      id: `telegram:${GROUP}`, platform: 'telegram', chatId: String(GROUP), scope: `telegram:${GROUP}`, active: true,
      times: [hhmm], weekdays: null, timezone: 'UTC', topics: [], mutes: [], maxStories: 10, paused: null,
      createdAt: created, updatedAt: created, lastDigestAt: null,
    };
    await store.putSubscription(sub);
    await store.close();
  });
  afterAll(async () => {
    await fake.close();
    rmSync(join(db, '..'), { recursive: true, force: true });
  });

  it('catches up the missed slot, answers commands, and stops on SIGTERM with exit 0', async () => {
    const svc = startService(db, fake.apiRoot);
    try {
      const delivered = await fake.waitForMessages(1, String(GROUP), 20_000);
      expect(delivered[0]!.visible).toMatch(/Tram/);
      expect(delivered[0]!.parse_mode).toBe('HTML');

      fake.sendCommand({ chat: { id: 5001, type: 'private' }, from: { id: 5001, first_name: 'Ann' }, text: '/latest 3' });
      const replies = await fake.waitForMessages(1, '5001', 10_000);
      expect(replies[0]!.visible).toMatch(/Latest 3 articles/);
      expect(fake.commands).not.toBeNull();
    } finally {
      const { code, ms } = await stop(svc);
      outputs.push(svc.output());
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('after a restart, does not deliver the same slot again', async () => {
    const before = fake.sent.filter((m) => m.chat_id === String(GROUP)).length;
    const svc = startService(db, fake.apiRoot);
    try {
      fake.sendCommand({ chat: { id: 5001, type: 'private' }, from: { id: 5001, first_name: 'Ann' }, text: '/help' });
      await fake.waitForMessages(2, '5001', 15_000);
    } finally {
      await stop(svc);
      outputs.push(svc.output());
    }
    expect(fake.sent.filter((m) => m.chat_id === String(GROUP)).length).toBe(before);
  });

  it('never writes the token anywhere in its output', () => {
    expect(outputs.join('\n')).not.toContain(TOKEN);
    expect(outputs.join('\n')).not.toContain(TOKEN.split(':')[1]);
  });

  it('with a wrong token, ends with one clear line and exit 1, without the token', async () => {
    const wrong = await FakeBotApi.start({ token: '999:other' });
    const svc = startService(db, wrong.apiRoot);
    const code = await svc.exited;
    await wrong.close();
    expect(code).toBe(1);
    const lines = svc.output().trim().split('\n').filter((l) => !l.startsWith('{'));
    expect(lines).toEqual([expect.stringMatching(/^newsbot: Telegram: the bot token was rejected/)]);
    expect(svc.output()).not.toContain(TOKEN.split(':')[1]);
  });
});
