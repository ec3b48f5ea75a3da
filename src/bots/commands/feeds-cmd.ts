import { addFeed, listFeeds, removeFeed } from '../../ingest/feeds.js';
import { loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Feed } from '../../model.js';
import { english, type Translator } from '../../i18n/i18n.js';
import { feedsExportCommand, feedsImportCommand } from './feeds-opml.js';
import { clip } from './args.js';

const USAGE = '/feeds add <url> | remove <id|url> | list | import | export';

function health(f: Feed, now: Date, t: Translator): string {
  const error = f.lastError ?? t.t('feeds.unknownError');
  if (f.disabled) return t.t('feeds.disabled', { failures: f.failures, error });
  if (f.failures > 0) return t.t('feeds.failing', { failures: f.failures, error });
  if (f.lastOkAt) return t.t('feeds.ok', { ago: t.ago(f.lastOkAt, now), items: f.itemCount });
  return t.t('feeds.notFetched');
}

/** Lines describing feeds, shared with /status and the CLI (English there). */
export function feedLines(feeds: Feed[], now: Date, t: Translator = english): string[] {
  return feeds.map((f) => `[${f.id}] ${t.isolate(f.title ?? f.url)} — ${health(f, now, t)}\n  ${t.isolate(f.url)}`);
}

/** /feeds add|remove|list (admin). */
export async function feedsCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const [action = 'list', target, ...extra] = req.args;
  const scope = (await loadSettings(ctx.store, req, ctx.config)).scope;
  const refuse = (text: string): Reply => ({ kind: 'error', text, usage: USAGE, private: true });
  switch (action.toLowerCase()) {
    case 'list': {
      const feeds = await listFeeds(ctx.store, scope);
      if (feeds.length === 0) return { kind: 'text', private: true, lines: [t.t('feeds.none')] };
      return { kind: 'text', private: true, title: t.t('feeds.count', { count: feeds.length }), lines: feedLines(feeds, req.now, t) };
    }
    case 'add': {
      if (!target || extra.length > 0) return refuse(t.t('feeds.giveUrl'));
      if (target.length > 2048) return refuse(t.t('feeds.urlTooLong', { max: 2048 }));
      const res = await addFeed(ctx.store, target, { scope, now: req.now, fetcher: ctx.fetcher, maxPerScope: ctx.chatLimits.feedsPerScope });
      if (!res.ok) return refuse(t.say(res.reason));
      return { kind: 'text', private: true, lines: [t.t('feeds.added', { id: res.feed.id, title: res.feed.title ?? res.feed.url })] };
    }
    case 'remove': {
      if (!target || extra.length > 0) return refuse(t.t('feeds.giveId'));
      const removed = await removeFeed(ctx.store, target, scope);
      return removed
        ? { kind: 'text', private: true, lines: [t.t('feeds.removed', { feed: target })] }
        : refuse(t.t('feeds.notFound', { feed: clip(target, 80) }));
    }
    case 'import':
      return feedsImportCommand(req, ctx, scope, t);
    case 'export':
      return feedsExportCommand(req, ctx, scope, t);
    default:
      return refuse(t.t('error.unknownAction', { action: clip(action) }));
  }
}
