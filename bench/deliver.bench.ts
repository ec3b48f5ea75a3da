/**
 * Delivers one digest to 1,000 Telegram chats through a local fake Bot API on 127.0.0.1 that
 * enforces Telegram's limits (429 with retry_after when more than 30 messages arrive in any
 * second overall, or more than 1 per second for one chat). The scheduler (in-memory store,
 * real clock) must stay under them: the bound is 1,000 / 30 per s ≈ 33.3 s. Targets: within 10 %
 * of the bound (≤ 36.7 s), zero 429s, flat memory (RSS and heap after a full GC, every 500 ms).
 * This takes ~35 s by design.
 *
 *   npx tsx bench/run.ts deliver
 *   NEWSBOT_BENCH_STORE=lowdb npx tsx bench/run.ts deliver   (same, on the lowdb store in a temp folder)
 */
import { TELEGRAM_LIMITS } from '../src/bots/telegram/limits.js';
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../src/store/memory-store.js';
import { openStore } from '../src/store/lowdb-store.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { DeliveryError } from '../src/scheduler/sender.js';
import type { ChatSender } from '../src/scheduler/sender.js';
import { silentLogger } from '../src/log.js';

const CHATS = 1_000;
const BOUND_S = CHATS / 30;
const SLOT = '2025-06-02T08:00:00.000Z';

/** The fake: counts arrivals per second overall and per chat, like Telegram's flood control. */
async function fakeTelegram(): Promise<{ url: string; stats: { ok: number; refused: number }; close(): Promise<void> }> {
  const stats = { ok: 0, refused: 0 };
  const all: number[] = [];
  const byChat = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const now = performance.now();
      const { chat_id: chat } = JSON.parse(body) as { chat_id: string };
      while (all.length > 0 && (all[0] as number) <= now - 1000) all.shift();
      const last = byChat.get(chat);
      if (all.length >= 30 || (last !== undefined && last > now - 1000)) {
        stats.refused++;
        res.writeHead(429, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
        return;
      }
      all.push(now);
      byChat.set(chat, now);
      stats.ok++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: stats.ok } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A full GC before each sample, so the samples show what is retained, not garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export default async function run(): Promise<boolean> {
  const gc = collector();
  const fake = await fakeTelegram();
  const lowdb = process.env.NEWSBOT_BENCH_STORE === 'lowdb';
  const dir = lowdb ? await mkdtemp(join(tmpdir(), 'newsbot-bench-')) : null;
  const store = dir ? await openStore(dir) : createMemoryStore();
  console.log(`store: ${dir ? `lowdb in ${dir}` : 'in-memory'}`);
  for (let i = 1; i <= CHATS; i++) {
    await store.putSubscription({
      id: `telegram:${i}`, platform: 'telegram', chatId: String(i), scope: `telegram:${i}`, active: true, times: ['08:00'], weekdays: null,
      timezone: 'UTC', topics: [], mutes: [], maxStories: 10, paused: null, createdAt: '2025-06-01T00:00:00.000Z', updatedAt: '2025-06-01T00:00:00.000Z', lastDigestAt: null,
    });
  }
  // A minimal sender that POSTs sendMessage to the fake (no telegraf), mapping 429 like the real adapter.
  const sender: ChatSender<string> = {
    platform: 'telegram',
    limits: TELEGRAM_LIMITS,
    render: (digest, emptyText) => [digest.stories.length ? digest.stories.map((s) => s.title).join('\n') : emptyText],
    async send(chatId, text) {
      const res = await fetch(`${fake.url}/botTOKEN/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: chatId, text }) });
      const body = (await res.json()) as { ok: boolean; description?: string; parameters?: { retry_after?: number } };
      if (res.status === 429) throw new DeliveryError('rate-limited', `Telegram: ${body.description}`, (body.parameters?.retry_after ?? 1) * 1000);
      if (!body.ok) throw new DeliveryError('transient', `Telegram: ${body.description}`);
    },
  };
  // Real time, shifted so the service "starts" just before the 08:00 slot.
  const shift = Date.parse(SLOT) - 1000 - Date.now();
  const clock = { now: () => new Date(Date.now() + shift), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const scheduler = createScheduler({
    store, senders: { telegram: sender }, clock, log: silentLogger, graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15, cron: false,
    buildDigest: async (_sub, w) => ({
      digest: { generatedAt: w.to.toISOString(), window: { from: w.from.toISOString(), to: w.to.toISOString() }, topics: [], stories: [{ id: 'a', title: 'A story worth a morning digest', summary: ['One sentence.'], sources: [], articles: 1, updated: SLOT }] },
      emptyText: 'No new stories',
    }),
  });
  await scheduler.start();

  const samples: { t: number; rss: number; heap: number }[] = [];
  const mb = (b: number): number => b / 1024 / 1024;
  const t0 = performance.now();
  const sample = (): void => {
    gc();
    const m = process.memoryUsage();
    samples.push({ t: (performance.now() - t0) / 1000, rss: mb(m.rss), heap: mb(m.heapUsed) });
  };
  const timer = setInterval(sample, 500);
  sample();
  await scheduler.tick(new Date(SLOT));
  await scheduler.idle();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  sample();
  await scheduler.stop();
  await fake.close();
  const sent = (await store.listDeliveries()).filter((d) => d.status === 'sent').length;
  await store.close();
  if (dir) await rm(dir, { recursive: true, force: true });

  const early = samples.filter((s) => s.t >= 2 && s.t <= 6);
  const late = samples.filter((s) => s.t >= seconds - 4);
  const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const heapGrowth = avg(late.map((s) => s.heap)) - avg(early.map((s) => s.heap));
  const rssGrowth = avg(late.map((s) => s.rss)) - avg(early.map((s) => s.rss));
  const within = seconds <= BOUND_S * 1.1;
  const flat = heapGrowth < 5 && rssGrowth < 20;
  console.log(`chats ${CHATS}, delivered ${sent}, accepted by fake ${fake.stats.ok}, 429s ${fake.stats.refused}`);
  console.log(`total ${seconds.toFixed(2)} s vs bound ${BOUND_S.toFixed(1)} s (${((seconds / BOUND_S - 1) * 100).toFixed(1)} % over; target ≤ ${(BOUND_S * 1.1).toFixed(1)} s)`);
  console.log(`memory (MB) every 5 s: ${samples.filter((_, i) => i % 10 === 0).map((s) => `${s.t.toFixed(0)}s rss ${s.rss.toFixed(0)} heap ${s.heap.toFixed(0)}`).join(' | ')}`);
  console.log(`retained memory growth from 2-6 s to the last 4 s: heap ${heapGrowth.toFixed(1)} MB, rss ${rssGrowth.toFixed(1)} MB (flat: heap < 5, rss < 20)`);
  const ok = within && fake.stats.refused === 0 && sent === CHATS && flat;
  console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
