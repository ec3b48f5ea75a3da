import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evalExtraction } from '../eval/extraction.js';
import { evalPagetext, type PrfScores } from '../eval/pagetext.js';
import { evalSummaries } from '../eval/summaries.js';
import { CliError } from './output.js';

const f3 = (n: number): string => n.toFixed(3);

/** `newsbot eval extraction <dir>`: F1 over the labelled pages; exit 1 under `minF1`. */
export async function evalExtractionCommand(dir: string, minF1: number | null, json: boolean): Promise<number> {
  if (!existsSync(`${dir}/ground-truth.json`)) throw new CliError(`${dir} has no ground-truth.json; point at a folder like ../shared/data/extraction`, 2);
  const started = performance.now();
  const r = await evalExtraction(dir);
  const ms = performance.now() - started;
  if (json) process.stdout.write(`${JSON.stringify({ pages: r.pages, precision: r.precision, recall: r.recall, f1: r.f1, ms: Math.round(ms) })}\n`);
  else {
    process.stdout.write(`extraction on ${r.pages} pages: precision ${f3(r.precision)}  recall ${f3(r.recall)}  F1 ${f3(r.f1)}  (${Math.round(ms)} ms)\n`);
    process.stdout.write('published on this split: Readability.js 0.950, trafilatura 0.963\n');
  }
  if (minF1 !== null && r.f1 < minF1) {
    process.stderr.write(`F1 ${f3(r.f1)} is below the threshold ${minF1}\n`);
    return 1;
  }
  return 0;
}

/** `newsbot eval summaries <dir>`: ROUGE for ours, LEAD-3 and TextRank in one run; exit 1 under `minRatio` × TextRank. */
export async function evalSummariesCommand(dir: string, sentences: number, minRatio: number | null, json: boolean): Promise<number> {
  if (!existsSync(`${dir}/articles`) || !existsSync(`${dir}/summaries`)) throw new CliError(`${dir} needs articles/ and summaries/; point at a folder like ../shared/data/bbc`, 2);
  if (!Number.isInteger(sentences) || sentences < 1 || sentences > 20) throw new CliError('--sentences must be a number from 1 to 20', 2);
  const r = await evalSummaries(dir, { sentences });
  if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    const row = (name: string, s: { r1: number; r2: number; rl: number }) => `${name.padEnd(10)} ROUGE-1 ${f3(s.r1)}  ROUGE-2 ${f3(s.r2)}  ROUGE-L ${f3(s.rl)}`;
    process.stdout.write(`summaries of ${r.articles} articles, ${sentences} sentences each (F1)\n`);
    process.stdout.write(`${row('newsbot', r.ours)}\n${row('LEAD-3', r.lead3)}\n${row('TextRank', r.textrank)}\n`);
    process.stdout.write(`ratio to TextRank: ${f3(r.ratio.r1)} / ${f3(r.ratio.r2)} / ${f3(r.ratio.rl)}\n`);
  }
  if (minRatio !== null) {
    const low = (['r1', 'r2', 'rl'] as const).filter((k) => r.ratio[k] < minRatio);
    if (low.length > 0) {
      process.stderr.write(`below ${minRatio} × TextRank on ${low.join(', ')}\n`);
      return 1;
    }
  }
  return 0;
}

/** `newsbot eval pagetext <dir>`: ours and the two baselines, per split; exit 1 when ours is under `minF1` on all pages. */
export async function evalPagetextCommand(dir: string, truth: string | null, minF1: number | null, json: boolean): Promise<number> {
  const truthPath = truth ?? join(dir, '..', 'pagetext-truth.json');
  if (!existsSync(dir)) throw new CliError(`${dir} does not exist; point at a folder of page texts like ../shared/data/pagetext`, 2);
  if (!existsSync(truthPath)) throw new CliError(`no truth file at ${truthPath}; pass --truth <file.json> ({id: {articleBody}})`, 2);
  if (minF1 !== null && !(minF1 >= 0 && minF1 <= 1)) throw new CliError('--min-f1 must be a number from 0 to 1', 2);
  const r = await evalPagetext(dir, truthPath);
  if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    const prf = (s: PrfScores): string => `P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`;
    for (const [name, x] of [['all', r.all], ['dev-train', r.train], ['held-out', r.heldOut]] as const) {
      process.stdout.write(`${name.padEnd(9)} ${String(x.pages).padStart(3)} pages  newsbot ${prf(x.ours)} | whole page ${prf(x.wholePage)} | longest 12+ word run ${prf(x.longestRun)}\n`);
    }
  }
  if (minF1 !== null && r.all.ours.f1 < minF1) {
    process.stderr.write(`F1 ${f3(r.all.ours.f1)} is below the threshold ${minF1}\n`);
    return 1;
  }
  return 0;
}
