/**
 * Bench 2: real digests delivered to 1,000 Telegram chats. 5,000 synthetic articles of the last
 * 24 hours are stored with their stories on the embedded lowdb store; 1,000 subscriptions (10
 * topic sets, one of them none) are due at 08:00. The scheduler builds each chat's digest from the
 * kept stories (as `newsbot start` does) and sends it through the real telegraf client and the
 * Telegram sender to the limit-enforcing fake Bot API on 127.0.0.1 (tests/fakes/telegram: 429 over
 * 30 messages in any second, or a second one within a second to one chat). The bound is the
 * messages the digests took / 30 per s, counted in the same run. Targets: within 10 % of the
 * bound, zero 429s, every chat served its digest once (each message once). Retained memory is
 * reported (each chat keeps delivery records and a digest history, so it is not expected flat).
 *
 *   npm run bench -- deliver
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Telegraf } from 'telegraf';
import { FakeBotApi } from '../tests/fakes/telegram/fake-bot-api.js';
import { subscriptionDigest } from '../src/bots/commands/chat-digest.js';
import { createTelegramSender } from '../src/bots/telegram/chat-sender.js';
import { createSendMessage } from '../src/bots/telegram/telegram-message.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { silentLogger } from '../src/log.js';
import type { Subscription } from '../src/model.js';
import { BENCH_NOW, benchStore } from './lib/corpus.js';
import { loadAverage, median } from './lib/measure.js';

const CHATS = Number(process.env.BENCH_CHATS ?? 1_000);
const ARTICLES = 5_000;
const PER_SECOND = 30;
const TOKEN = '123456:BENCH-deliver-token';

/** A full GC before each sample, so the samples show what is retained, not garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export default async function run(): Promise<boolean> {
  const gc = collector();
  const { store, articles, dispose } = await benchStore(ARTICLES);
  const fake = await FakeBotApi.start({ token: TOKEN, enforceLimits: true });
  const bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
  try {
    const titleWords = articles.map((a) => a.title.split(' ')[1]!.toLowerCase());
    const topicSets: string[][] = [[], ...Array.from({ length: 9 }, (_, k) => [titleWords[k * 101]!, titleWords[k * 101 + 37]!, titleWords[k * 101 + 71]!])];
    const created = new Date(BENCH_NOW.getTime() - 86_400_000).toISOString();
    for (let i = 1; i <= CHATS; i++) {
      const sub: Subscription = {
        id: `telegram:${i}`, platform: 'telegram', chatId: String(i), scope: `telegram:${i}`, active: true, times: ['08:00'], weekdays: null, timezone: 'UTC',
        topics: topicSets[i % 10]!, mutes: [], maxStories: 5, paused: null, createdAt: created, updatedAt: created, lastDigestAt: created,
      };
      await store.putSubscription(sub);
    }
    // Real time, shifted so the service "starts" just before the 08:00 slot.
    const shift = BENCH_NOW.getTime() - 1000 - Date.now();
    const clock = { now: () => new Date(Date.now() + shift), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    const builds: number[] = [];
    const scheduler = createScheduler({
      store, senders: { telegram: createTelegramSender(createSendMessage(bot.telegram), TOKEN) }, clock, log: silentLogger,
      graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15, cron: false,
      buildDigest: async (sub, w) => {
        const t = performance.now();
        const built = await subscriptionDigest(store, sub, w, clock.now());
        builds.push(performance.now() - t);
        return built;
      },
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
    await scheduler.tick(BENCH_NOW);
    await scheduler.idle();
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    sample();
    await scheduler.stop();

    const records = (await store.listDeliveries()).filter((d) => d.slot === BENCH_NOW.toISOString());
    const sent = records.filter((d) => d.status === 'sent');
    const expected = new Map(sent.map((d) => [d.subscriptionId.replace('telegram:', ''), d.totalMessages ?? 0]));
    const perChat = new Map<string, string[]>();
    for (const m of fake.sent) perChat.set(m.chat_id, [...(perChat.get(m.chat_id) ?? []), m.text]);
    // Served twice: more messages than its digest has, or one message repeated.
    const twice = [...perChat].filter(([chat, texts]) => texts.length !== expected.get(chat) || new Set(texts).size !== texts.length);
    const messages = fake.sent.length;
    const boundS = messages / PER_SECOND;
    const stories = fake.sent.filter((m) => m.text.includes('<b>')).length;

    const early = samples.filter((s) => s.t >= 2 && s.t <= 6);
    const late = samples.filter((s) => s.t >= seconds - 4);
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const heapGrowth = avg(late.map((s) => s.heap)) - avg(early.map((s) => s.heap));
    const rssGrowth = avg(late.map((s) => s.rss)) - avg(early.map((s) => s.rss));
    const within = seconds <= boundS * 1.1;
    const tooMany = fake.counts.tooManyRequests;
    console.log(`store: lowdb, ${ARTICLES} articles of the last 24 h with their stories; ${await loadAverage()}`);
    console.log(`chats ${CHATS}: delivered ${sent.length}, ${messages} messages accepted by the fake (${stories} with stories), 429s ${tooMany}, chats served twice ${twice.length}, chats not served ${CHATS - perChat.size}`);
    console.log(`total ${seconds.toFixed(2)} s vs bound ${boundS.toFixed(1)} s (${messages} messages / ${PER_SECOND} per s): ${(seconds / boundS).toFixed(3)}× the bound (target ≤ 1.1×)`);
    console.log(`digest builds: median ${median(builds).toFixed(1)} ms, ${builds.length} built`);
    console.log(`memory (MB) every 5 s: ${samples.filter((_, i) => i % 10 === 0).map((s) => `${s.t.toFixed(0)}s rss ${s.rss.toFixed(0)} heap ${s.heap.toFixed(0)}`).join(' | ')}`);
    console.log(`retained memory growth from 2-6 s to the last 4 s: heap ${heapGrowth.toFixed(1)} MB (${((heapGrowth * 1024) / CHATS).toFixed(1)} KB a chat), rss ${rssGrowth.toFixed(1)} MB`);
    const ok = within && tooMany === 0 && sent.length === CHATS && perChat.size === CHATS && twice.length === 0;
    console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
    return ok;
  } finally {
    await fake.close();
    await dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
