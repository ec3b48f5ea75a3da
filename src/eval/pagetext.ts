/**
 * `newsbot eval pagetext <dir>`: scores the page-text cleaner on scraped page texts
 * (`<dir>/<id>.txt`) against `{id: {articleBody}}` truth, with the benchmark's shingle metric,
 * next to two baselines measured in the same run: the whole page as it is, and the longest run of
 * lines of 12 or more words. Pages are also split by a hash of their id (a third held out), so a
 * change tuned on one part can be checked on the other.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { extractText } from '../ingest/extract/text.js';
import { aggregate, shingleMatch, tokenize, type ShingleMatch } from './shingles.js';

/** Precision, recall and F1 (means over pages) of one system on a set of pages. */
export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
}

/** The three systems on one set of pages. */
export interface PagetextRow {
  pages: number;
  ours: PrfScores;
  wholePage: PrfScores;
  longestRun: PrfScores;
}

/** Scores on all pages and on the two halves of the id-hash split. */
export interface PagetextScores {
  all: PagetextRow;
  train: PagetextRow;
  heldOut: PagetextRow;
}

/** Held out: one page in three, by the first byte of the SHA-1 of its id. */
export const isHeldOut = (id: string): boolean => createHash('sha1').update(id).digest()[0]! % 3 === 0;

/** The longest run (most words) of consecutive lines of 12 or more words: a naive cleaner. */
export function longestRunBaseline(text: string): string {
  const lines = text.split(/\r?\n/);
  let best: [number, number] = [0, -1];
  let bestWords = 0;
  let start = -1;
  let words = 0;
  lines.forEach((line, i) => {
    const n = tokenize(line).length;
    if (n < 12) {
      start = -1;
      return;
    }
    if (start < 0) {
      start = i;
      words = 0;
    }
    words += n;
    if (words > bestWords) {
      bestWords = words;
      best = [start, i];
    }
  });
  return lines.slice(best[0], best[1] + 1).join('\n');
}

function row(matches: readonly { ours: ShingleMatch; whole: ShingleMatch; run: ShingleMatch }[]): PagetextRow {
  return {
    pages: matches.length,
    ours: aggregate(matches.map((m) => m.ours)),
    wholePage: aggregate(matches.map((m) => m.whole)),
    longestRun: aggregate(matches.map((m) => m.run)),
  };
}

/** Scores every `<id>.txt` of `dir` that has an entry in the truth file. */
export async function evalPagetext(dir: string, truthPath: string): Promise<PagetextScores> {
  const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Record<string, { articleBody?: string }>;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt') && basename(f, '.txt') in truth).sort();
  const results = await Promise.all(
    files.map(async (f) => {
      const id = basename(f, '.txt');
      const page = await readFile(join(dir, f), 'utf8');
      const body = truth[id]!.articleBody ?? '';
      let ours = '';
      try {
        ours = extractText(page, { fileName: f }).text;
      } catch {
        // A page the cleaner refuses scores as an empty prediction.
      }
      return { id, ours: shingleMatch(body, ours), whole: shingleMatch(body, page), run: shingleMatch(body, longestRunBaseline(page)) };
    }),
  );
  return { all: row(results), train: row(results.filter((r) => !isHeldOut(r.id))), heldOut: row(results.filter((r) => isHeldOut(r.id))) };
}
