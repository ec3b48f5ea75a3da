/** kill -9 while a webhook post is in flight, then restart: every slot reaches the webhook exactly once. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/lowdb-store.js';
import { webhookId } from '../../../src/bots/webhook/address.js';
import { FakeWebhooks } from '../../fakes/webhook/fake-webhook.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsbot-webhook-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;

function start(db: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start', '--db', db], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', NEWSBOT_ALLOW_PRIVATE_URLS: '1', NEWSBOT_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, exited: new Promise<void>((r) => child.on('exit', () => r())), output: () => out };
}

async function until(test: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhook delivery across kill -9', () => {
  it('resumes after the kill and posts each missed slot once (the post in flight was never answered)', async () => {
    const fake = await FakeWebhooks.start();
    const db = join(dir, 'data');
    const path = '/services/T9/B9/crashSECRET';
    const url = fake.base + path;
    const now = Date.now();
    const slots = [50, 40, 30].map((m) => hhmm(new Date(now - m * 60_000)));
    const seed = await openStore(db);
    const old = new Date(now - 2 * 86_400_000).toISOString();
    const id = webhookId(url);
    await seed.putSubscription({
      id: `webhook:${id}`, platform: 'webhook', chatId: id, scope: 'global', active: true, times: [...new Set(slots)].sort(), weekdays: null, timezone: 'UTC',
      topics: [], mutes: [], maxStories: 10, paused: null, createdAt: old, updatedAt: old, lastDigestAt: null, address: url,
    });
    await seed.close();
    // The second post is held: the service is killed while it waits for the answer.
    fake.script = (_p, n) => (n === 2 ? 'hold' : null);
    const first = start(db);
    try {
      await until(() => fake.received.length >= 2, 60_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const second = start(db);
      try {
        await until(() => fake.delivered(path).length >= 3, 60_000);
        await new Promise((r) => setTimeout(r, 1500)); // nothing more comes
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
      const bodies = fake.delivered(path).map((r) => JSON.stringify(r.body));
      expect(bodies).toHaveLength(3);
      expect(new Set(bodies).size).toBe(3);
      expect(first.output() + second.output()).not.toContain('crashSECRET');
    } finally {
      await fake.close();
    }
  }, 150_000);
});
