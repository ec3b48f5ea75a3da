import { addFeed, listFeeds, removeFeed } from '../../ingest/feeds.js';
import { ago } from './news.js';
import { loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Feed } from '../../model.js';
import { english, type Translator } from '../../i18n/i18n.js';
import { feedsExportCommand, feedsImportCommand } from './feeds-opml.js';

const USAGE = '/feeds add <url> | remove <id|url> | list | import | export';

function health(f: Feed, now: Date): string {
  if (f.disabled) return `disabled after ${f.failures} failures: ${f.lastError ?? 'unknown error'}`;
  if (f.failures > 0) return `failing (${f.failures} in a row): ${f.lastError ?? 'unknown error'}`;
  if (f.lastOkAt) return `ok, fetched ${ago(f.lastOkAt, now)}, ${f.itemCount} items`;
  return 'not fetched yet';
}

/** Lines describing feeds, shared with /status. */
export function feedLines(feeds: Feed[], now: Date): string[] {
  return feeds.map((f) => `[${f.id}] ${f.title ?? f.url} — ${health(f, now)}\n  ${f.url}`);
}

/** /feeds add|remove|list (admin). */
export async function feedsCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const [action = 'list', target, ...extra] = req.args;
  const scope = (await loadSettings(ctx.store, req, ctx.config)).scope;
  switch (action.toLowerCase()) {
    case 'list': {
      const feeds = await listFeeds(ctx.store, scope);
      if (feeds.length === 0) return { kind: 'text', private: true, lines: ['No feeds yet. Add one with /feeds add <url>.'] };
      return { kind: 'text', private: true, title: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`, lines: feedLines(feeds, req.now) };
    }
    case 'add': {
      if (!target || extra.length > 0) return { kind: 'error', text: 'Give one feed URL.', usage: USAGE, private: true };
      if (target.length > 2048) return { kind: 'error', text: 'That URL is over 2,048 characters.', usage: USAGE, private: true };
      const res = await addFeed(ctx.store, target, { scope, now: req.now, fetcher: ctx.fetcher, maxPerScope: ctx.chatLimits.feedsPerScope });
      if (!res.ok) return { kind: 'error', text: res.reason, usage: USAGE, private: true };
      return { kind: 'text', private: true, lines: [`Added feed [${res.feed.id}] ${res.feed.title ?? res.feed.url}. New items appear in the next digest.`] };
    }
    case 'remove': {
      if (!target || extra.length > 0) return { kind: 'error', text: 'Give the feed id (from /feeds list) or its URL.', usage: USAGE, private: true };
      const removed = await removeFeed(ctx.store, target, scope);
      return removed
        ? { kind: 'text', private: true, lines: [`Removed feed ${target}.`] }
        : { kind: 'error', text: `No feed "${target}" in this chat; see /feeds list.`, usage: USAGE, private: true };
    }
    case 'import':
      return feedsImportCommand(req, ctx, scope, t);
    case 'export':
      return feedsExportCommand(req, ctx, scope, t);
    default:
      return { kind: 'error', text: `Unknown action "${action}".`, usage: USAGE, private: true };
  }
}
