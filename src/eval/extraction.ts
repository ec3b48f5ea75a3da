/**
 * `newsbot eval extraction <dir>`: scores an extractor on a labelled page set laid out like the
 * public article-extraction benchmark (`html/<id>.html.gz` and `ground-truth.json`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../ingest/extract/html.js';
import { aggregate, precisionOf, recallOf, shingleMatch } from './shingles.js';

/** The scores of one run: means over pages, and each page's own precision and recall. */
export interface ExtractionScores {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  perPage: { id: string; precision: number; recall: number }[];
}

/** One labelled page, its HTML already decoded. */
export interface LabelledPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

/** An extractor under test: page HTML (and its URL) in, article body text out. */
export type BodyExtractor = (html: string, url: string) => string;

const ours: BodyExtractor = (html, url) => extractHtml(html, { url }).text;

/** Reads and gunzips every labelled page of `dir` (sorted by id so runs are comparable). */
export async function loadLabelledPages(dir: string): Promise<LabelledPage[]> {
  const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  const ids = Object.keys(truth).sort();
  const utf8 = new TextDecoder('utf-8');
  return Promise.all(
    ids.map(async (id) => {
      const gz = await readFile(join(dir, 'html', `${id}.html.gz`));
      const t = truth[id]!;
      return { id, url: t.url ?? '', html: utf8.decode(gunzipSync(gz)), truth: t.articleBody ?? '' };
    }),
  );
}

/** Scores `extract` on already loaded pages with the benchmark's shingle metric. */
export function scorePages(pages: readonly LabelledPage[], extract: BodyExtractor = ours): ExtractionScores {
  const matches = pages.map((p) => {
    let pred = '';
    try {
      pred = extract(p.html, p.url);
    } catch {
      // An extractor that gives up on a page scores as an empty prediction.
    }
    return shingleMatch(p.truth, pred);
  });
  const { precision, recall, f1 } = aggregate(matches);
  return {
    pages: pages.length,
    precision,
    recall,
    f1,
    perPage: pages.map((p, i) => ({ id: p.id, precision: precisionOf(matches[i]!), recall: recallOf(matches[i]!) })),
  };
}

/** Extraction precision, recall and F1 of our HTML extractor (or `extract`) over `dir`. */
export async function evalExtraction(dir: string, extract: BodyExtractor = ours): Promise<ExtractionScores> {
  return scorePages(await loadLabelledPages(dir), extract);
}
