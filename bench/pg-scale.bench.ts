/**
 * Bench: the PostgreSQL store at scale (issue #14). A throwaway database holds 1,000,020 articles
 * with their analyses and kept stories over 30 days: the newest day (33,334 articles, the 24-hour
 * window) is stored through the real ingest path (analysed, placed by the story keeper, stories
 * written); the 29 older days are copies of it made on the server (bench/lib/pg-replicate.ts: new
 * ids, urls, sources, times shifted whole days), as analysing a million articles one by one would
 * take an hour here. The peer is the embedded lowdb store holding the same window's articles
 * (stored through its keeper, analyses reused), measured in the same run:
 *  - `/digest` in a chat, cold (each run a new minute, nothing shared with the one before; the
 *    keeper loaded as a running bot's is): median over 15 chats, bound 300 ms; lowdb beside it.
 *  - the 10,000-subscription burst of bench/burst.bench.ts (bench/lib/burst.ts) on both stores:
 *    bound PG/lowdb ≤ 1.0.
 *
 *   npm run bench -- pg-scale        (BENCH_WINDOW, BENCH_DAYS, BENCH_SUBS make it smaller)
 */
import { chatDigest } from '../src/bots/commands/chat-digest.js';
import { renderTelegram } from '../src/bots/telegram/render.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/store.js';
import { withStories } from '../src/stories/story-keeper.js';
import { createTestDatabase } from '../tests/helpers/postgres.js';
import { BENCH_NOW, benchStore, fillStore, windowArticles } from './lib/corpus.js';
import { burstSubscriptions, runBurst } from './lib/burst.js';
import type { BurstRun } from './lib/burst.js';
import { loadAverage, median, percentile } from './lib/measure.js';
import { replicateDays } from './lib/pg-replicate.js';

const WINDOW = Number(process.env.BENCH_WINDOW ?? 33_334);
const DAYS = Number(process.env.BENCH_DAYS ?? 29);
const SUBS = Number(process.env.BENCH_SUBS ?? 10_000);
const OWN_FEEDS = 200;
const DIGEST_BOUND_MS = 300;
const BURST_RATIO_BOUND = 1;
const DAY = 86_400_000;

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Cold `/digest` in 16 chats, each a minute after the one before (the first, warming up, is left out). */
async function digestTimes(store: Store): Promise<{ cold: number; stories: number }> {
  const cold: number[] = [];
  let stories = 0;
  for (let r = 0; r < 16; r++) {
    const now = new Date(BENCH_NOW.getTime() + (r + 1) * 60_000);
    const opts = { scope: `telegram:${r + 1}`, from: new Date(now.getTime() - DAY), to: now, topics: [], mutes: [], maxStories: 10, timezone: 'UTC' };
    const t = performance.now();
    const { digest, emptyText } = await chatDigest(store, opts, now);
    renderTelegram(digest, { timeZone: 'UTC', emptyText });
    cold.push(performance.now() - t);
    stories = digest.stories.length;
  }
  return { cold: median(cold.slice(1)), stories };
}

function burstLine(name: string, b: BurstRun): string {
  return `  ${name.padEnd(10)} ${s(b.totalMs).padStart(8)} in all, ${(b.totalMs / SUBS).toFixed(2)} ms a digest; in the pool median ${median(b.each).toFixed(1)} ms, p99 ${percentile(b.each, 99).toFixed(0)} ms; ${b.stories} stories, ${b.messages} messages; RSS peak ${b.mem.peakMb.toFixed(0)} MB`;
}

export default async function run(): Promise<boolean> {
  console.log(await loadAverage());
  const db = await createTestDatabase('pg_scale');
  const pg = await openPostgresStore(db.url, { now: () => BENCH_NOW });
  const onPg = withStories(pg, { now: () => BENCH_NOW });
  let lowdb: Awaited<ReturnType<typeof benchStore>> | null = null;
  try {
    const from = new Date(BENCH_NOW.getTime() - DAY);
    const window = windowArticles(WINDOW, OWN_FEEDS);
    const ingest = await fillStore(onPg, window, OWN_FEEDS);
    console.log(`setup: ${WINDOW} window articles ingested into PostgreSQL (analysed, stories kept) in ${s(ingest.ms)}`);
    let t = performance.now();
    await replicateDays(pg, from, BENCH_NOW, DAYS, (d) => process.stdout.write(d % 10 === 0 ? `${d}` : '.'));
    const total = await pg.countArticles();
    const stored = (await pg.query<{ n: string }>('count stories', 'SELECT count(*) AS n FROM stories')).rows[0]!.n;
    const size = (await pg.query<{ size: string }>('size', 'SELECT pg_size_pretty(pg_database_size(current_database())) AS size')).rows[0]!.size;
    console.log(`\nsetup: ${DAYS} older days copied on the server in ${s(performance.now() - t)}: ${total} articles, ${stored} stories, ${size}`);
    t = performance.now();
    await onPg.listStories({ from: from.toISOString() }); // what a restarted bot does first: loads the keeper's horizon
    await chatDigest(onPg, { scope: 'telegram:0', from, to: BENCH_NOW, topics: [], mutes: [], maxStories: 10, timezone: 'UTC' }, BENCH_NOW);
    console.log(`setup: keeper loaded from PostgreSQL (48 h horizon) in ${s(performance.now() - t)}`);
    lowdb = await benchStore(WINDOW, OWN_FEEDS, ingest.stored);
    console.log(`setup: the same ${WINDOW} analysed articles stored into lowdb through its keeper in ${s(lowdb.ingestMs)}; ${await loadAverage()}`);

    const subs = burstSubscriptions(SUBS, window, from);
    // A small burst an hour before on each store first, so neither pays for the first compilation of the digest code.
    const early = new Date(BENCH_NOW.getTime() - 3_600_000);
    for (const store of [lowdb.store, onPg]) await runBurst(store, burstSubscriptions(Math.min(SUBS, 500), window, new Date(early.getTime() - DAY)), early);
    const burstLow = await runBurst(lowdb.store, subs, BENCH_NOW);
    const burstPg = await runBurst(onPg, subs, BENCH_NOW);
    const ratio = burstPg.totalMs / burstLow.totalMs;
    const digPg = await digestTimes(onPg);
    const digLow = await digestTimes(lowdb.store);
    const digestOk = digPg.cold <= DIGEST_BOUND_MS;
    const burstOk = ratio <= BURST_RATIO_BOUND;
    console.log(`/digest cold, median of 15 chats: PostgreSQL (${total} stored) ${digPg.cold.toFixed(1)} ms vs bound ${DIGEST_BOUND_MS} ms (${(digPg.cold / DIGEST_BOUND_MS).toFixed(2)}× the bound); lowdb (${WINDOW} stored) ${digLow.cold.toFixed(1)} ms (PG/lowdb ${(digPg.cold / digLow.cold).toFixed(2)}×); ${digPg.stories} stories`);
    console.log(`burst of ${SUBS} subscriptions (10 topic sets, ${OWN_FEEDS} chats with own feeds), window of ${WINDOW}:`);
    console.log(burstLine('lowdb', burstLow));
    console.log(burstLine('PostgreSQL', burstPg));
    console.log(`  PG/lowdb ${ratio.toFixed(2)}× (bound ${BURST_RATIO_BOUND.toFixed(1)}×); ${await loadAverage()}`);
    const ok = digestOk && burstOk;
    console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
    return ok;
  } finally {
    await lowdb?.dispose();
    await pg.close();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
