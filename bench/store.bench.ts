/**
 * Store write cost must stay flat as history grows: one ingest (20 new articles dated today) into an
 * empty store vs into a store holding 30 days × 3,000 articles of ~3 KB. Target: ratio of medians < 2.
 * Also prints the open time of the big store (it reads every partition to build the id index).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import type { Article } from '../src/model.js';

const DAYS = 30;
const PER_DAY = 3_000;
const BATCH = 20;
const RUNS = 21;
const DAY_MS = 86_400_000;

const WORDS = (
  'council harbour tram extension approved residents ferry fares snow pass glacier survey festival bridge ' +
  'minister budget river station weather officials said on Friday the city plans new line docks winter ' +
  'school hospital election vote market prices energy storm coast road closed reopened report week year'
).split(' ');

/** A small deterministic PRNG so every run builds the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = (): string => WORDS[Math.floor(rand() * WORDS.length)] ?? 'news';
const sentence = (): string => {
  const n = 8 + Math.floor(rand() * 14);
  const s = Array.from({ length: n }, pick).join(' ');
  return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}.`;
};
/** ~3 KB of text in paragraphs separated by a blank line. */
const body = (): string => {
  const paras: string[] = [];
  let len = 0;
  while (len < 3_000) {
    const p = Array.from({ length: 3 + Math.floor(rand() * 3) }, sentence).join(' ');
    paras.push(p);
    len += p.length + 2;
  }
  return paras.join('\n\n');
};

let seq = 0;
function makeArticle(at: Date): Article {
  const id = (++seq).toString(16).padStart(16, '0');
  const t = at.toISOString();
  return {
    id, url: `https://news.example/${seq}`, title: Array.from({ length: 7 }, pick).join(' '), text: body(),
    description: sentence(), byline: 'By A. Reporter', published: t, fetchedAt: t, source: 'news.example', language: 'en', feedId: 'f1',
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function timeIngest(store: Store, now: Date): Promise<number> {
  const batch = Array.from({ length: BATCH }, (_, i) => makeArticle(new Date(now.getTime() - (i + 1) * 60_000)));
  const t0 = performance.now();
  const r = await store.addArticles(batch);
  const ms = performance.now() - t0;
  if (r.added.length !== BATCH) throw new Error('bench: expected every article of the batch to be new');
  return ms;
}

export default async function (): Promise<boolean> {
  const root = await mkdtemp(join(tmpdir(), 'newsbot-store-bench-'));
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  try {
    // The big store: 30 whole days before today, 3,000 articles each (one write per day while building).
    const bigDir = join(root, 'big');
    let t0 = performance.now();
    const builder = await openStore(bigDir, { now: () => now });
    for (let d = DAYS; d >= 1; d--) {
      const start = today - d * DAY_MS;
      await builder.addArticles(Array.from({ length: PER_DAY }, (_, i) => makeArticle(new Date(start + Math.floor((i * DAY_MS) / PER_DAY)))));
    }
    await builder.close();
    console.log(`built ${DAYS} days x ${PER_DAY} articles (~3 KB text each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const opens: number[] = [];
    let big: Store | undefined;
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      big = await openStore(bigDir, { now: () => now });
      opens.push(performance.now() - t0);
      if (i < 2) await big.close();
    }
    if (!big) throw new Error('bench: big store did not open');
    const articles = await big.countArticles();
    // For information: opening with every partition loaded and checked (cache as large as the history).
    await big.close();
    t0 = performance.now();
    big = await openStore(bigDir, { now: () => now, cachePartitions: DAYS + 1 });
    const fullOpen = performance.now() - t0;
    await big.close();
    big = await openStore(bigDir, { now: () => now });
    const empty = await openStore(join(root, 'empty'), { now: () => now });

    // Interleave the two so load from other processes hits both alike.
    const inEmpty: number[] = [];
    const inBig: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      inEmpty.push(await timeIngest(empty, now));
      inBig.push(await timeIngest(big, now));
    }
    // For information: the same ingest into a day that already holds 3,000 articles (a busy day).
    const busy: number[] = [];
    const busyStart = today - DAY_MS;
    for (let i = 0; i < 5; i++) {
      const batch = Array.from({ length: BATCH }, (_, j) => makeArticle(new Date(busyStart + 3_600_000 + i * BATCH + j)));
      t0 = performance.now();
      await big.addArticles(batch);
      busy.push(performance.now() - t0);
    }
    await empty.close();
    await big.close();

    const mEmpty = median(inEmpty);
    const mBig = median(inBig);
    const ratio = mBig / mEmpty;
    const ok = ratio < 2;
    console.log(`open big store (${articles} articles): median ${median(opens).toFixed(0)} ms over ${opens.length} opens (target < 3000 ms)`);
    console.log(`  (info) open loading and checking all ${DAYS} partitions: ${fullOpen.toFixed(0)} ms`);
    console.log(`ingest ${BATCH} new articles dated today, median of ${RUNS}:`);
    console.log(`  empty store          ${mEmpty.toFixed(2)} ms`);
    console.log(`  30 x 3,000 articles  ${mBig.toFixed(2)} ms`);
    console.log(`  ratio                ${ratio.toFixed(2)} (target < 2) ${ok ? 'ok' : 'MISSED'}`);
    console.log(`  (info) into a day already holding 3,000 articles: median ${median(busy).toFixed(1)} ms over ${busy.length}`);
    return ok && median(opens) < 3000;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
