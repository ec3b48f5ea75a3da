/**
 * Bench 1: 10,000 subscriptions due at the same minute (08:00 UTC), 10 topic sets (one of them
 * none), 200 chats with their own feed, 10,000 articles in the 24-hour window, on the embedded lowdb
 * store. Every due subscription's real digest is built (kept stories selected for its scope,
 * topics and history) and rendered for Telegram, 100 at a time as the scheduler's per-platform
 * pool runs them (bench/lib/burst.ts). Bound: 30 s in all (3 ms a digest), peak RSS 500 MB.
 *
 *   npm run bench -- burst
 */
import { BENCH_NOW, benchStore } from './lib/corpus.js';
import { burstSubscriptions, runBurst } from './lib/burst.js';
import { loadAverage, median, percentile } from './lib/measure.js';

const SUBS = Number(process.env.BENCH_SUBS ?? 10_000);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const OWN_FEEDS = 200;
const BOUND_MS = 30_000;
const RSS_BOUND_MB = 500;

export default async function run(): Promise<boolean> {
  const { store, articles, ingestMs, dispose } = await benchStore(ARTICLES, OWN_FEEDS);
  try {
    const subs = burstSubscriptions(SUBS, articles, new Date(BENCH_NOW.getTime() - 86_400_000));
    const { totalMs: total, each, stories, messages, mem } = await runBurst(store, subs, BENCH_NOW);
    const ok = total <= BOUND_MS && mem.maxRssMb <= RSS_BOUND_MB;
    console.log(`setup: ${ARTICLES} articles stored with analysis and stories in ${(ingestMs / 1000).toFixed(1)} s; ${await loadAverage()}`);
    console.log(`${SUBS} digests (10 topic sets, ${OWN_FEEDS} chats with own feeds): ${(total / 1000).toFixed(2)} s in all vs bound ${BOUND_MS / 1000} s (${(total / BOUND_MS).toFixed(2)}× the bound), ${(total / SUBS).toFixed(2)} ms a digest`);
    console.log(`  per digest (in the pool of 100): median ${median(each).toFixed(1)} ms, p99 ${percentile(each, 99).toFixed(1)} ms; ${stories} stories, ${messages} Telegram messages`);
    console.log(`  RSS: peak while building ${mem.peakMb.toFixed(0)} MB; process max ${mem.maxRssMb.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
    console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
    return ok;
  } finally {
    await dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
