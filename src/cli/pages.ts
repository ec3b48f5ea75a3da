import { readInputs } from '../ingest/sources.js';
import type { FeedInfo } from '../ingest/feed-file.js';
import type { Fetcher } from '../ingest/feeds.js';
import type { Article } from '../model.js';
import { summarize } from '../digest/summarize.js';
import { plural, printJson, progress } from './output.js';

interface PagesOptions {
  json: boolean;
  now: Date;
  fetcher: Fetcher;
}

/**
 * Reads every input and hands each article to `show` (with its feed, for a feed file's item); a
 * bad input prints `{source, error}` (JSON) or one error line, and the run goes on; a feed file
 * without items prints `{source, feed, feedUrl, items: 0}`. Ends with one summary line; returns the exit code.
 */
async function eachPage(inputs: string[], o: PagesOptions, verb: string, show: (source: string, a: Article, feed: FeedInfo | undefined) => void): Promise<number> {
  let ok = 0;
  let failed = 0;
  const bar = o.json ? progress(verb) : null;
  for await (const r of readInputs(inputs, { now: o.now, fetcher: o.fetcher })) {
    bar?.tick(r.source);
    if ('error' in r) {
      failed++;
      if (o.json) printJson({ source: r.source, error: r.error });
      else process.stderr.write(`${r.source}: error: ${r.error}\n`);
      continue;
    }
    if (!('article' in r)) {
      if (o.json) printJson({ source: r.source, feed: r.feed.title, feedUrl: r.feed.url, items: 0 });
      else process.stderr.write(`${r.source}: the feed${r.feed.title ? ` "${r.feed.title}"` : ''} has no items\n`);
      continue;
    }
    ok++;
    show(r.source, r.article, r.feed);
  }
  bar?.done();
  process.stderr.write(`${verb} ${plural(ok, 'page')}, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** `newsbot extract`: clean pages and feed files, store nothing. Returns the exit code. */
export function extractCommand(inputs: string[], o: PagesOptions): Promise<number> {
  return eachPage(inputs, o, 'extracted', (source, a, feed) => {
    const fields = { title: a.title, text: a.text, description: a.description, byline: a.byline, published: a.published, url: a.url, language: a.language };
    if (o.json) {
      printJson(feed ? { source, feed: feed.title, feedUrl: feed.url, ...fields } : { source, ...fields });
      return;
    }
    process.stdout.write(`# ${a.title}\n`);
    const meta = [feed?.title, a.byline, a.published, a.url, a.language].filter(Boolean).join(' · ');
    if (meta) process.stdout.write(`${meta}\n`);
    if (a.description) process.stdout.write(`\n> ${a.description}\n`);
    process.stdout.write(`\n${a.text}\n\n`);
  });
}

/** `newsbot summarize`: N sentences per input. Returns the exit code. */
export function summarizeCommand(inputs: string[], o: PagesOptions & { sentences: number }): Promise<number> {
  return eachPage(inputs, o, 'summarised', (source, a) => {
    const summary = summarize({ title: a.title, text: a.text, language: a.language }, o.sentences);
    if (o.json) printJson({ source, title: a.title, summary });
    else process.stdout.write(`# ${a.title}\n${summary.map((s) => `- ${s}`).join('\n')}\n\n`);
  });
}
