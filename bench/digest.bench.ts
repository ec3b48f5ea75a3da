/**
 * Digest build time against window size: synthetic articles (2–4 KB each, about 30% of them in
 * multi-source events of 2–4 articles) in a 24-hour window, at 1k, 10k and 50k articles.
 * Targets: 10k articles under 2 s, and near-linear growth (10k → 50k at most ~7×, for 5× the data).
 */
import { buildDigest } from '../src/digest/build.js';
import type { Article } from '../src/model.js';

const NOW = new Date('2026-11-28T08:00:00Z');
const FROM = new Date(NOW.getTime() - 86_400_000);

/** mulberry32: a small seeded PRNG so every run measures the same articles. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ra te su no pe vi da ren tol mar sen bri cor gal hes lin dor fen tra ost wel'.split(' ');
const COMMON = (
  'the a of to in and for on with as at by from that was were is be has have said after over about more than its their ' +
  'government council police officials minister company market city region people report plans new year week could would ' +
  'local national public service workers prices costs support project during while since under against between'
).split(' ');

function makeWord(rand: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return w;
}

/** A synthetic corpus: `n` articles, events and singletons interleaved over 24 hours. */
export function syntheticArticles(n: number, seed = 1): Article[] {
  const rand = prng(seed);
  const vocab = Array.from({ length: 6000 }, () => makeWord(rand, 2 + Math.floor(rand() * 2)));
  // Real windows name many more people and places than they have events: a pool far larger than
  // the number of events, so unrelated articles share a name only now and then.
  const names = Array.from({ length: 40_000 }, () => {
    const w = makeWord(rand, 3 + Math.floor(rand() * 2));
    return w[0]!.toUpperCase() + w.slice(1);
  });
  const sources = Array.from({ length: 200 }, (_, i) => `Source ${i}`);
  // Zipf-ish: low indices much more frequent.
  const word = (): string => (rand() < 0.45 ? COMMON[Math.floor(rand() * COMMON.length)]! : vocab[Math.floor(Math.pow(rand(), 2.2) * vocab.length)]!);
  const sentence = (ents: string[], nums: string[]): string => {
    const len = 12 + Math.floor(rand() * 14);
    const out: string[] = [];
    for (let i = 0; i < len; i++) {
      const r = rand();
      out.push(r < 0.12 ? ents[Math.floor(rand() * ents.length)]! : r < 0.16 ? nums[Math.floor(rand() * nums.length)]! : word());
    }
    const s = out.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const article = (id: number, ents: string[], nums: string[], source: string, facts: string[]): Article => {
    const paragraphs: string[] = [];
    let size = 0;
    const target = 2000 + rand() * 2000;
    let p: string[] = [];
    for (const f of facts) if (rand() < 0.6) p.push(f);
    while (size < target) {
      const s = sentence(ents, nums);
      p.push(s);
      size += s.length + 1;
      if (p.length >= 2 + Math.floor(rand() * 3)) {
        paragraphs.push(p.join(' '));
        p = [];
      }
    }
    if (p.length) paragraphs.push(p.join(' '));
    const published = new Date(FROM.getTime() + rand() * 86_000_000).toISOString();
    return {
      id: id.toString(16).padStart(16, '0'), url: `https://${source.replace(' ', '-').toLowerCase()}.example/${id}`,
      title: `${ents[0]} ${word()} ${word()} ${ents[1]} ${word()} ${nums[0]}`, text: paragraphs.join('\n\n'),
      description: null, byline: null, published, fetchedAt: published, source, language: 'en', feedId: null,
    };
  };
  const out: Article[] = [];
  while (out.length < n) {
    const ents = Array.from({ length: 5 }, () => names[Math.floor(rand() * names.length)]!);
    const nums = Array.from({ length: 3 }, () => String(Math.floor(rand() * 9000) + 10));
    // 30% of articles belong to events of 2–4 sources: an event of k articles is picked with
    // probability proportional to make that share hold on average.
    const k = rand() < 0.12 ? 2 + Math.floor(rand() * 3) : 1;
    const facts = Array.from({ length: 4 }, () => sentence(ents, nums));
    for (let j = 0; j < k && out.length < n; j++) out.push(article(out.length, ents, nums, sources[Math.floor(rand() * sources.length)]!, facts));
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(articles: Article[], runs: number): number {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    buildDigest(articles, { now: NOW, from: FROM });
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export default async function (): Promise<boolean> {
  const sizes = [1_000, 10_000, 50_000];
  const results: Record<number, number> = {};
  console.log('articles   median ms   ms per 1k   (24 h window, ~30% in multi-source events)');
  for (const n of sizes) {
    const articles = syntheticArticles(n);
    time(articles.slice(0, 500), 1); // warm-up
    const ms = time(articles, n >= 50_000 ? 3 : 5);
    results[n] = ms;
    console.log(`${String(n).padStart(8)} ${ms.toFixed(0).padStart(11)} ${(ms / (n / 1000)).toFixed(1).padStart(11)}`);
  }
  const growth = results[50_000]! / results[10_000]!;
  const ok10k = results[10_000]! < 2000;
  const okGrowth = growth <= 7;
  console.log(`10k: ${results[10_000]!.toFixed(0)} ms (bound 2000 ms) ${ok10k ? 'ok' : 'MISSED'}`);
  console.log(`growth 10k → 50k: ${growth.toFixed(2)}× for 5× the articles (bound 7×) ${okGrowth ? 'ok' : 'MISSED'}`);
  return ok10k && okGrowth;
}
