/**
 * What a delivery's write costs on the lowdb store with 10,000 subscriptions: after each digest the
 * scheduler records the delivered window (store.updateSubscription with advanceLastDigestAt). The
 * old layout, one subscriptions.json rewritten whole, is reproduced in the same run by the
 * RecordFile it used; the new one is the store itself over subscriptions/NNN.json buckets. Also
 * timed: opening the old folder (which moves its file into buckets) and listing every subscription
 * (each scheduler tick does). Writes are durable (fsync) in both, as in the store.
 *
 *   npm run bench -- subscriptions      (BENCH_SUBS, BENCH_UPDATES, BENCH_OLD_UPDATES for other sizes)
 */
import { mkdirSync, mkdtempSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Subscription } from '../src/model.js';
import { openStore } from '../src/store/lowdb-store.js';
import { RecordFile } from '../src/store/record-file.js';
import { SUBSCRIPTIONS } from '../src/store/subscription-buckets.js';
import { copyRecord } from '../src/store/query.js';
import { advanceLastDigestAt } from '../src/scheduler/records.js';
import { loadAverage, median } from './lib/measure.js';
import { subscriptions } from './lib/subscriptions.js';

const SUBS = Number(process.env.BENCH_SUBS ?? 10_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 10_000);
/** The old way rewrites the whole file each time; 10,000 of them take minutes, so by default a sample. */
const OLD_UPDATES = Number(process.env.BENCH_OLD_UPDATES ?? 500);
const TOPICS = ['climate', 'energy policy', 'trams', 'local elections', 'football', 'space'];

/** Subscriptions with a few topics and mutes each, about the 500 bytes of a real one. */
const realistic = (n: number): Subscription[] =>
  subscriptions(n).map((s, i) => ({ ...s, topics: TOPICS.slice(i % 3, (i % 3) + 3), mutes: ['celebrity gossip'], scope: `telegram:${i + 1}` }));

/** Times `n` deliveries: each subscription in turn gets its window recorded; per-call times in ms. */
async function deliveries(n: number, ids: readonly string[], update: (id: string, to: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const to = new Date(Date.parse('2025-06-02T08:00:00.000Z') + i * 1000).toISOString();
    const t = performance.now();
    await update(ids[i % ids.length]!, to);
    times.push(performance.now() - t);
  }
  return times;
}

async function timesOf(k: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export default async function run(): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), 'newsbot-subs-bench-'));
  try {
    const subs = realistic(SUBS);
    const ids = subs.map((s) => s.id);
    // The old layout: one file. Written once for the peer and once for the folder the store opens.
    const oldFile = join(root, 'old', 'subscriptions.json');
    const dataDir = join(root, 'data');
    for (const file of [oldFile, join(dataDir, 'subscriptions.json')]) {
      mkdirSync(dirname(file), { recursive: true });
      await RecordFile.fresh(file, SUBSCRIPTIONS).commit(subs);
    }
    const fileMb = statSync(oldFile).size / 1048576;
    console.log(`${SUBS} subscriptions (${(statSync(oldFile).size / SUBS).toFixed(0)} B each, subscriptions.json ${fileMb.toFixed(1)} MB); ${await loadAverage()}`);

    let t = performance.now();
    const store = await openStore(dataDir);
    const openMs = performance.now() - t;
    const buckets = readdirSync(join(dataDir, 'subscriptions')).filter((f) => f.endsWith('.json'));
    const bucketKb = buckets.reduce((n, f) => n + statSync(join(dataDir, 'subscriptions', f)).size, 0) / buckets.length / 1024;
    console.log(`open of the old folder, moving subscriptions.json into ${buckets.length} buckets (~${bucketKb.toFixed(0)} KB each): ${openMs.toFixed(0)} ms`);

    const old = await RecordFile.load(oldFile, SUBSCRIPTIONS);
    const oldWay = await deliveries(OLD_UPDATES, ids, async (id, to) => {
      const next = advanceLastDigestAt(to)(copyRecord(old.get(id) ?? null));
      if (next) await old.commit([next]);
    });
    t = performance.now();
    const newWay = await deliveries(UPDATES, ids, (id, to) => store.updateSubscription(id, advanceLastDigestAt(to)));
    const newTotal = performance.now() - t;
    const oldMed = median(oldWay);
    const newMed = median(newWay);
    console.log('layout                         median update   total                                  written per update');
    console.log(`one subscriptions.json (old)   ${oldMed.toFixed(2).padStart(9)} ms   ${OLD_UPDATES} updates: ${(oldWay.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s (10,000 ≈ ${((oldMed * 10_000) / 1000).toFixed(0)} s)   ${fileMb.toFixed(1)} MB`);
    console.log(`buckets (new)                  ${newMed.toFixed(2).padStart(9)} ms   ${UPDATES} updates: ${(newTotal / 1000).toFixed(1)} s                 ${(bucketKb / 1024).toFixed(3)} MB`);
    const oldMean = oldWay.reduce((a, b) => a + b, 0) / oldWay.length;
    console.log(`ratio old / new: median update ${(oldMed / newMed).toFixed(1)}×, mean update ${(oldMean / (newTotal / UPDATES)).toFixed(1)}×`);

    const listNew = median(await timesOf(15, () => store.listSubscriptions()));
    const listOld = median(await timesOf(15, () => old.list().map(copyRecord)));
    console.log(`listing all ${SUBS} (each scheduler tick): new ${listNew.toFixed(1)} ms, old ${listOld.toFixed(1)} ms (${(listNew / listOld).toFixed(2)}×); ${await loadAverage()}`);
    const check = await store.getSubscription(ids[(UPDATES - 1) % ids.length]!);
    await store.close();
    const ok = check?.lastDigestAt !== null && newMed < oldMed;
    console.log(`target: a delivery's write cheaper than rewriting every subscription: ${ok ? 'met' : 'MISSED'}`);
    return ok;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
