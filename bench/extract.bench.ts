/**
 * Extraction speed and quality against Readability.js over linkedom, on the 91 labelled pages of
 * ../shared/data/extraction (gunzipped once up front). Parsing is part of each side's time. Each
 * page is timed in alternation (ours, then Readability) for several rounds; the per-page medians
 * are summed. Both F1 scores come from this same run. Fails if ours is slower.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { loadLabelledPages, scorePages, type BodyExtractor } from '../src/eval/extraction.js';
import { extractHtml } from '../src/ingest/extract/html.js';

const ROUNDS = 5;

const ours: BodyExtractor = (html, url) => extractHtml(html, { url }).text;
const readability: BodyExtractor = (html) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return new Readability(doc as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent ?? '';
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function time(f: BodyExtractor, html: string, url: string): number {
  const t0 = performance.now();
  try {
    f(html, url);
  } catch {
    // A page an extractor gives up on still costs what it took.
  }
  return performance.now() - t0;
}

export default async function bench(): Promise<boolean> {
  const dir = join(process.cwd(), '../shared/data/extraction');
  if (!existsSync(join(dir, 'ground-truth.json'))) {
    console.log(`skipped: ${dir} is absent (the bench reads ../shared/data beside the project)`);
    return true;
  }
  const pages = await loadLabelledPages(dir);
  const q = { ours: scorePages(pages, ours), readability: scorePages(pages, readability) }; // also warms up both
  const t = { ours: pages.map(() => [] as number[]), readability: pages.map(() => [] as number[]) };
  for (let round = 0; round < ROUNDS; round++) {
    pages.forEach((p, i) => {
      t.ours[i]!.push(time(ours, p.html, p.url));
      t.readability[i]!.push(time(readability, p.html, p.url));
    });
  }
  const perPage = { ours: t.ours.map(median), readability: t.readability.map(median) };
  const total = { ours: perPage.ours.reduce((a, b) => a + b, 0), readability: perPage.readability.reduce((a, b) => a + b, 0) };
  const ratio = total.ours / total.readability;
  const f = (n: number, d = 2): string => n.toFixed(d);
  console.log(`${pages.length} pages, ${ROUNDS} rounds, median per page over rounds`);
  console.log('extractor                median ms/page  total ms  precision  recall  F1');
  console.log(`newsbot (htmlparser2)    ${f(median(perPage.ours)).padStart(14)}  ${f(total.ours, 1).padStart(8)}  ${f(q.ours.precision, 3).padStart(9)}  ${f(q.ours.recall, 3).padStart(6)}  ${f(q.ours.f1, 3)}`);
  console.log(`Readability + linkedom   ${f(median(perPage.readability)).padStart(14)}  ${f(total.readability, 1).padStart(8)}  ${f(q.readability.precision, 3).padStart(9)}  ${f(q.readability.recall, 3).padStart(6)}  ${f(q.readability.f1, 3)}`);
  console.log(`time ratio ours/readability: ${f(ratio, 3)} (target <= 1)   F1 gain: ${f(q.ours.f1 - q.readability.f1, 3)}`);
  return ratio <= 1;
}
