/**
 * kill -9 in the middle of delivery, then restart: every slot is delivered exactly once, except
 * the message in flight at each kill (one per chat being served), which may arrive twice.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { makeSub } from './helpers/fixtures.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'deliver-child.ts');
const NOW = '2025-06-02T09:00:00.000Z';

interface Received { chatId: string; message: string }

/** A fake chat API that records each message; `onMessage` may hold the answer (never respond). */
async function chatServer(onMessage: (n: number) => 'answer' | 'hold'): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Received);
      if (onMessage(received.length) === 'hold') return; // the child is killed while waiting
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

function startChild(dir: string, url: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, url, NOW], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe('crash and restart', () => {
  it('given kill -9 mid-delivery twice, delivers every slot once after restarts (only messages in flight may repeat)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsbot-crash-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    // 4 chats x 3 missed slots (06:00, 07:00, 08:00; all within the 6 h grace) x 3 messages = 36 messages.
    const seed = await openStore(dir);
    for (const chat of ['11', '12', '13', '14']) {
      await seed.putSubscription(makeSub({ chatId: chat, times: ['06:00', '07:00', '08:00'], createdAt: '2025-06-01T00:00:00.000Z', updatedAt: '2025-06-01T00:00:00.000Z' }));
    }
    await seed.close();

    let kill: (() => void) | null = null;
    // Kill 1: while message 8 is in flight (received, never answered).
    // Kill 2: right after message 20 was answered (the child may be anywhere: writing a record, rendering, sending).
    const plan = new Map<number, 'hold' | 'answer-then-kill'>([[8, 'hold'], [20, 'answer-then-kill']]);
    const fake = await chatServer((n) => {
      const step = plan.get(n);
      if (!step) return 'answer';
      plan.delete(n);
      setTimeout(() => kill?.(), step === 'hold' ? 0 : 3);
      return step === 'hold' ? 'hold' : 'answer';
    });
    cleanup.push(() => new Promise((r) => { fake.server.closeAllConnections(); fake.server.close(() => r()); }));

    const codes: (number | null)[] = [];
    for (let run = 0; run < 3; run++) {
      const c = startChild(dir, fake.url);
      kill = () => c.child.kill('SIGKILL');
      codes.push(await c.exited);
      if (run === 2) expect(c.output()).toContain('done');
    }
    expect(codes.slice(0, 2)).toEqual([null, null]); // killed
    expect(codes[2]).toBe(0);

    const expected = ['11', '12', '13', '14'].flatMap((chat) =>
      ['06', '07', '08'].flatMap((h) => [1, 2, 3].map((s) => `${chat}|2025-06-02T${h}:00:00.000Z|story ${s}`)));
    const got = fake.received.map((r) => `${r.chatId}|${r.message}`);
    expect(new Set(got)).toEqual(new Set(expected)); // nothing lost
    const counts = new Map<string, number>();
    for (const g of got) counts.set(g, (counts.get(g) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1);
    expect(repeated.every(([, n]) => n === 2)).toBe(true);
    // Chats are served concurrently, so each kill may catch one message in flight per chat, never more.
    for (const chat of ['11', '12', '13', '14']) expect(repeated.filter(([m]) => m.startsWith(`${chat}|`)).length).toBeLessThanOrEqual(2);
    expect(got[7]).toBeDefined();
    expect(repeated.map(([m]) => m)).toContain(got[7]); // the held message was never confirmed, so it was sent again

    const store = await openStore(dir);
    cleanup.push(() => store.close());
    const records = await store.listDeliveries();
    const today = records.filter((r) => r.slot.startsWith('2025-06-02'));
    expect(today).toHaveLength(12);
    expect(today.every((r) => r.status === 'sent' && r.messagesSent === 3 && r.totalMessages === 3)).toBe(true);
    // The day before (subscriptions existed since 2025-06-01 00:00) is beyond the grace period: skipped, once each.
    const before = records.filter((r) => r.slot.startsWith('2025-06-01'));
    expect(before.map((r) => r.status)).toEqual(Array(12).fill('skipped'));
    for (const s of await store.listSubscriptions()) expect(s.lastDigestAt).toBe('2025-06-02T08:00:00.000Z');
  }, 60_000);
});
