import { readFile } from 'node:fs/promises';
import type { App } from '../app.js';
import { addFeed, fetchDueFeeds, listFeeds, removeFeed } from '../ingest/feeds.js';
import { extractHtml } from '../ingest/extract/html.js';
import { feedLines } from '../bots/commands/feeds-cmd.js';
import { exportOpml, importOpml, importSummary, readOpml } from '../ingest/opml.js';
import { CliError, printJson } from './output.js';
import { english } from '../i18n/i18n.js';

/** Feeds added from the command line belong to every chat. */
const SCOPE = 'global';

export async function feedsAdd(app: App, url: string): Promise<void> {
  const res = await addFeed(app.store, url, { scope: SCOPE, now: app.clock(), fetcher: app.fetcher });
  if (!res.ok) throw new CliError(english.say(res.reason));
  process.stdout.write(`added feed ${res.feed.id}: ${res.feed.title ?? res.feed.url}\n`);
}

export async function feedsList(app: App, json: boolean): Promise<void> {
  const feeds = await listFeeds(app.store);
  if (json) {
    for (const f of feeds) printJson(f);
    return;
  }
  if (feeds.length === 0) {
    process.stdout.write('no feeds; add one with: newsbot feeds add <url>\n');
    return;
  }
  const lines = feedLines(feeds, app.clock());
  process.stdout.write(`${lines.map((l, i) => `${l}${feeds[i]!.scope !== SCOPE ? `\n  added in ${feeds[i]!.scope}` : ''}`).join('\n')}\n`);
}

export async function feedsRemove(app: App, target: string): Promise<void> {
  const feeds = await listFeeds(app.store);
  const match = feeds.find((f) => f.id === target || f.url === target);
  if (!match) throw new CliError(`no feed "${target}"; see: newsbot feeds list`);
  await removeFeed(app.store, target, match.scope);
  process.stdout.write(`removed feed ${match.id}: ${match.title ?? match.url}\n`);
}

/** Fetches due (or all) feeds; exit code 1 when any feed failed. */
export async function feedsFetch(app: App, all: boolean, json: boolean): Promise<number> {
  const results = await fetchDueFeeds(app.store, {
    now: app.clock(), fetcher: app.fetcher, extractHtml, fetchTeasers: app.config.fetchTeasers, log: app.log, pollMinutes: app.config.feedPollMinutes,
  }, all);
  let failed = 0;
  const urls = new Map((await listFeeds(app.store)).map((f) => [f.id, f.url]));
  for (const r of results) {
    const source = urls.get(r.feedId) ?? r.feedId;
    if (r.error) failed++;
    if (json) printJson(r.error ? { source, feed: r.feedId, error: r.error } : { source, feed: r.feedId, added: r.added, duplicates: r.duplicates, failed: r.failed, notModified: r.notModified });
    else process.stdout.write(`${r.feedId} ${source}: ${r.error ? `error: ${r.error}` : r.notModified ? 'not modified' : `${r.added} added, ${r.duplicates} duplicate, ${r.failed} failed`}\n`);
  }
  if (!json) process.stderr.write(`fetched ${results.length} feed(s), ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** `feeds import <file.opml>`: adds each listed feed as `feeds add` would; exit code 1 when any was refused. */
export async function feedsImport(app: App, file: string, json: boolean): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the path of an .opml file`);
  }
  const read = readOpml(text);
  if (!read.ok) throw new CliError(`${file}: ${english.say(read.reason)}`);
  const r = await importOpml(app.store, read.entries, { scope: SCOPE, now: app.clock(), fetcher: app.fetcher });
  const rows = [
    ...r.added.map((f) => ({ source: f.url, status: 'added', id: f.id, title: f.title })),
    ...r.duplicates.map((e) => ({ source: e.url, status: 'duplicate' })),
    ...r.refused.map((e) => ({ source: e.url, error: english.say(e.reason) })),
  ];
  for (const row of rows) {
    if (json) printJson(row);
    else process.stdout.write(`${'error' in row ? `refused ${row.source}: ${row.error}` : `${row.status} ${row.source}`}\n`);
  }
  process.stderr.write(`imported ${file}: ${importSummary(r)}\n`);
  return r.refused.length > 0 ? 1 : 0;
}

/** `feeds export`: every feed as OPML on stdout. */
export async function feedsExport(app: App): Promise<void> {
  process.stdout.write(exportOpml(await listFeeds(app.store), 'newsbot feeds', app.clock()));
}
