import { readInputs } from '../ingest/sources.js';
import type { Fetcher } from '../ingest/feeds.js';
import { summarize } from '../digest/summarize.js';
import { plural, printJson, progress } from './output.js';

interface PagesOptions {
  json: boolean;
  now: Date;
  fetcher: Fetcher;
}

/** `newsbot extract`: clean pages, store nothing. Returns the exit code. */
export async function extractCommand(inputs: string[], o: PagesOptions): Promise<number> {
  let ok = 0;
  let failed = 0;
  const bar = o.json ? progress('extracting') : null;
  for await (const r of readInputs(inputs, { now: o.now, fetcher: o.fetcher })) {
    bar?.tick(r.source);
    if ('error' in r) {
      failed++;
      if (o.json) printJson({ source: r.source, error: r.error });
      else process.stderr.write(`${r.source}: error: ${r.error}\n`);
      continue;
    }
    ok++;
    const a = r.article;
    const out = {
      source: r.source,
      title: a.title,
      text: a.text,
      description: a.description,
      byline: a.byline,
      published: a.published,
      url: a.url,
      language: a.language,
    };
    if (o.json) printJson(out);
    else {
      process.stdout.write(`# ${a.title}\n`);
      const meta = [a.byline, a.published, a.url, a.language].filter(Boolean).join(' · ');
      if (meta) process.stdout.write(`${meta}\n`);
      if (a.description) process.stdout.write(`\n> ${a.description}\n`);
      process.stdout.write(`\n${a.text}\n\n`);
    }
  }
  bar?.done();
  process.stderr.write(`extracted ${plural(ok, 'page')}, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** `newsbot summarize`: N sentences per input. Returns the exit code. */
export async function summarizeCommand(inputs: string[], o: PagesOptions & { sentences: number }): Promise<number> {
  let ok = 0;
  let failed = 0;
  const bar = o.json ? progress('summarising') : null;
  for await (const r of readInputs(inputs, { now: o.now, fetcher: o.fetcher })) {
    bar?.tick(r.source);
    if ('error' in r) {
      failed++;
      if (o.json) printJson({ source: r.source, error: r.error });
      else process.stderr.write(`${r.source}: error: ${r.error}\n`);
      continue;
    }
    ok++;
    const summary = summarize({ title: r.article.title, text: r.article.text }, o.sentences);
    if (o.json) printJson({ source: r.source, title: r.article.title, summary });
    else process.stdout.write(`# ${r.article.title}\n${summary.map((s) => `- ${s}`).join('\n')}\n\n`);
  }
  bar?.done();
  process.stderr.write(`summarised ${plural(ok, 'page')}, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
