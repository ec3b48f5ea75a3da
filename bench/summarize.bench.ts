/**
 * Summariser throughput: every BBC article of ../shared/data/bbc (read once, up front), several
 * rounds, median articles per second for ours and for the TextRank baseline in the same run.
 * Target: at least 200 articles/s for ours on the 2-core machine.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summarize } from '../src/digest/summarize.js';
import { loadLabelledArticles } from '../src/eval/summaries.js';
import { textRank } from '../src/eval/textrank.js';

const TARGET = 200;
const ROUNDS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export default async function bench(): Promise<boolean> {
  const dir = fileURLToPath(new URL('../../shared/data/bbc', import.meta.url));
  if (!existsSync(dir)) {
    console.log(`skipped: ${dir} not found`);
    return true;
  }
  const docs = (await loadLabelledArticles(dir)).map((a) => ({ title: a.title, text: a.text }));
  const rate = (run: () => void): number => {
    const t0 = performance.now();
    run();
    return (docs.length * 1000) / (performance.now() - t0);
  };
  // One warm-up round each, so the JIT has seen both.
  for (const d of docs) summarize(d, 3);
  for (const d of docs) textRank(d.text, 3);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(rate(() => docs.forEach((d) => summarize(d, 3))));
    peer.push(rate(() => docs.forEach((d) => textRank(d.text, 3))));
  }
  const o = median(ours);
  const t = median(peer);
  console.log(`${docs.length} articles, ${ROUNDS} rounds (median)`);
  console.log(`newsbot summarize  ${o.toFixed(0)} articles/s`);
  console.log(`TextRank baseline  ${t.toFixed(0)} articles/s`);
  console.log(`ratio ours/TextRank ${(o / t).toFixed(2)}; target ≥ ${TARGET} articles/s: ${o >= TARGET ? 'met' : 'MISSED'}`);
  return o >= TARGET;
}
