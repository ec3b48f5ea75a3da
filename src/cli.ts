#!/usr/bin/env node
/**
 * `newsbot` command line: parses arguments (commander), loads config once, calls the app.
 * User mistakes end with one line on stderr and a non-zero exit code, never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, ENV_VARS, loadConfig, readEnv } from './config.js';
import type { Config } from './config.js';
import { CliError, plural, printJson, progress } from './cli/output.js';
import { extractCommand, summarizeCommand } from './cli/pages.js';
import { digestCommand, FORMATS } from './cli/digest-cmd.js';
import { feedsAdd, feedsExport, feedsFetch, feedsImport, feedsList, feedsRemove } from './cli/feeds-cli.js';
import { evalExtractionCommand, evalPagetextCommand, evalSummariesCommand } from './cli/eval-cmd.js';
import { statusCommand } from './cli/status-cli.js';
import { storeCopyCommand, storeMigrateCommand } from './cli/store-cli.js';
import { makeFetcher, openApp } from './app.js';
import type { App } from './app.js';
import { ingestInputs } from './ingest/ingest.js';
import { runService } from './service.js';
import { PLATFORMS } from './bots/registry.js';
import { boundHeapGrowth } from './heap.js';

boundHeapGrowth();

const program = new Command('newsbot')
  .description('News digests for Discord and Telegram: clean extraction, stories across sources, extractive summaries.')
  .option('--db <path>', 'data folder for the embedded store (env NEWSBOT_DATA, default data/)')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText('after', `\nEnvironment:\n${Object.entries(ENV_VARS).map(([k, v]) => `  ${k.padEnd(27)} ${v}`).join('\n')}\n`);

function config(): Config {
  const db = program.opts<{ db?: string }>().db;
  return loadConfig(readEnv(), db ? { dataDir: db } : {});
}

/** Opens the app, runs `fn`, and always closes the store (releasing the lock). */
async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(config());
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

program.command('start')
  .description('run the bots, scheduler and feed polling (a console chat when no token is set)')
  .action(async () => {
    process.exitCode = await runService(config());
  });

program.command('extract')
  .description('clean one or many pages (.txt .md .html .htm .json, folders, URLs); stores nothing')
  .argument('<inputs...>', 'files, folders or http(s) URLs')
  .option('--json', 'one JSON object per input (JSON Lines)')
  .action(async (inputs: string[], o: { json?: boolean }) => {
    process.exitCode = await extractCommand(inputs, { json: o.json === true, now: new Date(), fetcher: makeFetcher(config()) });
  });

program.command('summarize')
  .alias('summarise')
  .description('summarise pages in N whole sentences')
  .argument('<inputs...>', 'files, folders or http(s) URLs')
  .option('--sentences <n>', 'sentences per summary', '3')
  .option('--json', 'one JSON object per input (JSON Lines)')
  .action(async (inputs: string[], o: { sentences: string; json?: boolean }) => {
    const n = Number(o.sentences);
    if (!Number.isInteger(n) || n < 1 || n > 20) throw new CliError(`--sentences "${o.sentences}" must be a number from 1 to 20`, 2);
    process.exitCode = await summarizeCommand(inputs, { json: o.json === true, sentences: n, now: new Date(), fetcher: makeFetcher(config()) });
  });

program.command('ingest')
  .description('store articles from files, folders or URLs (duplicates are reported, never stored twice)')
  .argument('<inputs...>', 'files, folders or http(s) URLs')
  .option('--json', 'one JSON line per input: {source,status,id,title} or {source,error}')
  .action(async (inputs: string[], o: { json?: boolean }) => {
    await withApp(async (app) => {
      const bar = progress('ingesting');
      const s = await ingestInputs(app.store, inputs, { now: app.clock(), fetcher: app.fetcher }, (item) => {
        bar.tick(item.source);
        if (item.status === 'failed') {
          if (o.json) printJson({ source: item.source, error: item.error });
          else process.stderr.write(`${item.source}: error: ${item.error}\n`);
        } else if (o.json) printJson(item);
      });
      bar.done();
      process.stderr.write(`ingested ${plural(s.added + s.duplicates + s.failed, 'input')}: ${s.added} added, ${s.duplicates} duplicate, ${s.failed} failed\n`);
      if (s.failed > 0) process.exitCode = 1;
    });
  });

const feeds = program.command('feeds').description('manage feeds (RSS, Atom, RDF, JSON Feed)');
feeds.command('add').argument('<url>').description('add a feed (fetched once to check it)')
  .action((url: string) => withApp((app) => feedsAdd(app, url)));
feeds.command('list').description('list feeds and their health').option('--json', 'JSON output')
  .action((o: { json?: boolean }) => withApp((app) => feedsList(app, o.json === true)));
feeds.command('remove').argument('<id|url>').description('remove a feed')
  .action((target: string) => withApp((app) => feedsRemove(app, target)));
feeds.command('fetch').description('fetch due feeds now').option('--all', 'fetch every enabled feed, due or not').option('--json', 'JSON output')
  .action((o: { all?: boolean; json?: boolean }) => withApp(async (app) => { process.exitCode = await feedsFetch(app, o.all === true, o.json === true); }));
feeds.command('import').argument('<file.opml>').description('add every feed an OPML file lists (each checked as by feeds add)')
  .option('--json', 'one JSON line per feed: {source,status,id,title} or {source,error}')
  .action((file: string, o: { json?: boolean }) => withApp(async (app) => { process.exitCode = await feedsImport(app, file, o.json === true); }));
feeds.command('export').description('print every feed as OPML')
  .action(() => withApp((app) => feedsExport(app)));

program.command('digest')
  .description('build a digest of the stored articles')
  .option('--since <duration>', 'window length back from --at (e.g. 24h, 90m, 2d)', '24h')
  .option('--at <iso>', 'end of the window (default now)')
  .option('--topics <a,b>', 'only stories about these words')
  .option('--mute <a,b>', 'leave out stories with these words')
  .option('--max <n>', 'maximum stories', '10')
  .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
  .action((o: { since: string; at?: string; topics?: string; mute?: string; max: string; format: string }) =>
    withApp((app) => digestCommand(app.store, { ...o, timezone: app.config.timezone }, app.clock(), { summarizer: app.summarizer, images: app.config.images })));

// Each platform's own commands (e.g. subscribe --webhook), from the registry.
for (const platform of PLATFORMS) {
  platform.cli?.(program, {
    withStore: (fn) => withApp((app) => fn(app.store, {
      timezone: app.config.timezone, maxStories: app.config.maxStories, allowPrivateUrls: app.config.allowPrivateUrls, now: app.clock(),
    })),
  });
}

program.command('status')
  .description('articles, feeds and their health, subscriptions and deliveries')
  .option('--json', 'JSON output')
  .action((o: { json?: boolean }) => withApp((app) => statusCommand(app, o.json === true)));

const storeCmd = program.command('store').description('the store: PostgreSQL migrations, copying between stores');
storeCmd.command('migrate').description('apply pending PostgreSQL schema migrations (NEWSBOT_DATABASE_URL); start does it too')
  .action(() => storeMigrateCommand(config()));
storeCmd.command('copy').description('copy articles, feeds, subscriptions and delivery records between stores (resumable, counts checked)')
  .requiredOption('--from <dir|url>', 'source: a data folder or a postgres:// URL')
  .requiredOption('--to <dir|url>', 'target: a data folder or a postgres:// URL')
  .option('--json', 'print the counts as JSON')
  .action((o: { from: string; to: string; json?: boolean }) => storeCopyCommand(o.from, o.to, o.json === true));

const evaluate = program.command('eval').description('score against a labelled data set (see ../shared/data)');
evaluate.command('extraction').argument('<dir>', 'folder with html/ and ground-truth.json')
  .option('--min-f1 <f1>', 'exit 1 when F1 is below this')
  .option('--json', 'JSON output')
  .action(async (dir: string, o: { minF1?: string; json?: boolean }) => {
    process.exitCode = await evalExtractionCommand(dir, o.minF1 ? Number(o.minF1) : null, o.json === true);
  });
evaluate.command('pagetext').argument('<dir>', 'folder of scraped page texts (<id>.txt)')
  .option('--truth <file>', 'truth JSON {id: {articleBody}} (default <dir>/../pagetext-truth.json)')
  .option('--min-f1 <f1>', 'exit 1 when F1 on all pages is below this')
  .option('--json', 'JSON output')
  .action(async (dir: string, o: { truth?: string; minF1?: string; json?: boolean }) => {
    process.exitCode = await evalPagetextCommand(dir, o.truth ?? null, o.minF1 ? Number(o.minF1) : null, o.json === true);
  });
evaluate.command('summaries').argument('<dir>', 'folder with articles/ and summaries/')
  .option('--sentences <n>', 'sentences per summary', '3')
  .option('--min-ratio <r>', 'exit 1 when any ROUGE score is below r × TextRank')
  .option('--json', 'JSON output')
  .action(async (dir: string, o: { sentences: string; minRatio?: string; json?: boolean }) => {
    process.exitCode = await evalSummariesCommand(dir, Number(o.sentences), o.minRatio ? Number(o.minRatio) : null, o.json === true);
  });

/** Runs the CLI on `argv` (shaped as process.argv) in this process; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
  return Number(process.exitCode ?? 0);
}

/** One line on stderr for a user mistake, and its exit code; a stack trace only for our bugs. */
function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode; // commander already printed the message (or the help)
  if (err instanceof CliError) {
    process.stderr.write(`newsbot: ${err.message}\n`);
    return err.code;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`newsbot: ${err.message}\n`);
    return 2;
  }
  if (err instanceof Error && ['StoreError', 'FetchError', 'FeedError', 'InputError'].includes(err.name)) {
    process.stderr.write(`newsbot: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`newsbot: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 70;
}

// Run when executed (the bin, or node src/cli.ts), not when a test imports main().
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv);
}
