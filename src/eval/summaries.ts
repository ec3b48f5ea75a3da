/**
 * `newsbot eval summaries <dir>`: ROUGE of our summariser, LEAD-3 and TextRank on a folder laid
 * out like the BBC News Summary set: `articles/<topic>/NNN.txt` (first line the title, then the
 * body) and `summaries/<topic>/NNN.txt` (an extractive reference).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { summarize } from '../digest/summarize.js';
import { lead, textRank } from './textrank.js';
import { meanRouge, rouge, type Rouge } from './rouge.js';

export type { Rouge } from './rouge.js';

/** One article with its reference summary. */
export interface LabelledArticle {
  /** `<topic>/<NNN>` */
  id: string;
  title: string;
  text: string;
  reference: string;
}

/** The scores of one run: mean F1 per system, and ours over TextRank per score. */
export interface SummaryScores {
  articles: number;
  ours: Rouge;
  lead3: Rouge;
  textrank: Rouge;
  ratio: Rouge;
}

/** A summariser under test: article in, sentences out. */
export type Summarizer = (doc: { title: string; text: string }, sentences: number) => string[];

/** Splits an article file into its title (first non-empty line) and body. */
export function parseArticle(raw: string): { title: string; text: string } {
  const body = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const nl = body.search(/\S/) < 0 ? -1 : body.indexOf('\n', body.search(/\S/));
  if (nl < 0) return { title: body.trim(), text: '' };
  return { title: body.slice(0, nl).trim(), text: body.slice(nl + 1).trim() };
}

/** Reads every article that has a reference summary, sorted by topic and file name. */
export async function loadLabelledArticles(dir: string): Promise<LabelledArticle[]> {
  const topics = (await readdir(join(dir, 'articles'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const out: LabelledArticle[] = [];
  for (const topic of topics) {
    const names = new Set(await readdir(join(dir, 'summaries', topic)).catch(() => [] as string[]));
    const files = (await readdir(join(dir, 'articles', topic))).filter((f) => f.endsWith('.txt') && names.has(f)).sort();
    const read = await Promise.all(
      files.map(async (f) => [f, await readFile(join(dir, 'articles', topic, f)), await readFile(join(dir, 'summaries', topic, f))] as const),
    );
    for (const [f, article, reference] of read) {
      out.push({ id: `${topic}/${f.replace(/\.txt$/, '')}`, ...parseArticle(decode(article)), reference: decode(reference) });
    }
  }
  return out;
}

/** UTF-8 when the bytes are valid UTF-8, else windows-1252 (some copies of the set are). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Mean ROUGE of one summariser over the articles. */
export function scoreSummarizer(articles: readonly LabelledArticle[], system: Summarizer, sentences: number): Rouge {
  return meanRouge(articles.map((a) => rouge(system({ title: a.title, text: a.text }, sentences).join(' '), a.reference)));
}

/** Scores ours, LEAD-N and TextRank-N on the articles already loaded. */
export function scoreArticles(articles: readonly LabelledArticle[], sentences = 3, ours: Summarizer = summarize): SummaryScores {
  const o = scoreSummarizer(articles, ours, sentences);
  const l = scoreSummarizer(articles, (d, n) => lead(d.text, n), sentences);
  const t = scoreSummarizer(articles, (d, n) => textRank(d.text, n), sentences);
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return { articles: articles.length, ours: o, lead3: l, textrank: t, ratio: { r1: div(o.r1, t.r1), r2: div(o.r2, t.r2), rl: div(o.rl, t.rl) } };
}

/** Reads `dir` and scores ours, LEAD-N and TextRank-N (N = `sentences`, default 3). */
export async function evalSummaries(dir: string, opts: { sentences?: number } = {}): Promise<SummaryScores> {
  return scoreArticles(await loadLabelledArticles(dir), opts.sentences ?? 3);
}
