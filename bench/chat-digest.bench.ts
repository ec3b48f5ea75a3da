/**
 * Bench 3: `/digest` latency in a chat with 10,000 and 50,000 articles in the 24-hour window, on the
 * lowdb store with the articles stored through the story keeper (as ingest stores them): the
 * command's digest (kept stories selected for the chat's scope, ranked) rendered for Telegram.
 * Each run is a new minute, so nothing is shared with the previous one (a cold candidate set); the
 * peer is the old way, a batch digest built from the window's articles, timed in the same run.
 * Bounds: 50 ms at 10,000 and 300 ms at 50,000.
 *
 *   npm run bench -- chat-digest
 */
import { chatDigest } from '../src/bots/commands/chat-digest.js';
import { renderTelegram } from '../src/bots/telegram/render.js';
import { buildDigest } from '../src/digest/build.js';
import { BENCH_NOW, benchStore } from './lib/corpus.js';
import { loadAverage, median } from './lib/measure.js';

const BOUNDS: Record<number, number> = { 10_000: 50, 50_000: 300 };

export default async function run(): Promise<boolean> {
  let ok = true;
  console.log(await loadAverage());
  console.log('articles  /digest median (cold)  warm   bound   ratio   batch digest (peer)  stories');
  for (const n of (process.env.BENCH_SIZES ?? '10000,50000').split(',').map(Number)) {
    const { store, ingestMs, dispose } = await benchStore(n);
    try {
      const cold: number[] = [];
      const warm: number[] = [];
      let stories = 0;
      for (let r = 0; r < 16; r++) {
        // One minute later each run: the story window moves with it, as a real chat's would.
        const now = new Date(BENCH_NOW.getTime() + r * 60_000);
        const opts = { scope: `telegram:${r}`, from: new Date(now.getTime() - 86_400_000), to: now, topics: [], mutes: [], maxStories: 10, timezone: 'UTC' };
        for (const times of [cold, warm]) {
          const t = performance.now();
          const { digest, emptyText } = await chatDigest(store, opts, now);
          renderTelegram(digest, { timeZone: 'UTC', emptyText });
          times.push(performance.now() - t);
          stories = digest.stories.length;
        }
      }
      const from = new Date(BENCH_NOW.getTime() - 86_400_000);
      const articles = await store.listArticles({ from: from.toISOString(), to: BENCH_NOW.toISOString() });
      const t = performance.now();
      buildDigest(articles, { now: BENCH_NOW, from, to: BENCH_NOW });
      const batch = performance.now() - t;
      const c = median(cold.slice(1));
      const within = c <= BOUNDS[n]!;
      ok &&= within;
      console.log(`${String(n).padStart(8)}  ${c.toFixed(1).padStart(12)} ms ${median(warm).toFixed(1).padStart(8)} ms ${String(BOUNDS[n]).padStart(5)} ms  ${(c / BOUNDS[n]!).toFixed(2)}×  ${batch.toFixed(0).padStart(10)} ms (${(batch / c).toFixed(0)}× slower)  ${stories}   [setup: stored in ${(ingestMs / 1000).toFixed(0)} s]`);
    } finally {
      await dispose();
    }
  }
  console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
