/**
 * /feeds import and /feeds export in a chat: an admin sends an OPML file (a Telegram document, a
 * Discord attachment) and each feed is added as /feeds add would; export answers with the chat's
 * feeds as an OPML file.
 */
import { listFeeds } from '../../ingest/feeds.js';
import { exportOpml, importOpml, OPML_LIMITS, readOpml } from '../../ingest/opml.js';
import type { Translator } from '../../i18n/i18n.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';

/** Refused feeds listed in the reply, each with its reason. */
const MAX_REASONS = 10;

/** Adds the feeds of the attached OPML file to this chat's scope. */
export async function feedsImportCommand(req: CommandRequest, ctx: CommandContext, scope: string, t: Translator): Promise<Reply> {
  const file = req.attachment;
  if (!file) return { kind: 'error', text: t.t('feeds.importHow'), usage: t.t('usage.feedsImport'), private: true };
  if (file.size !== null && file.size > OPML_LIMITS.bytes) return { kind: 'error', text: t.t('feeds.fileTooBig', { mb: OPML_LIMITS.bytes / 1_000_000 }), private: true };
  let text: string;
  try {
    text = await file.read(OPML_LIMITS.bytes);
  } catch (err) {
    return { kind: 'error', text: t.t('feeds.downloadFailed', { detail: err instanceof Error ? err.message : String(err) }), private: true };
  }
  const read = readOpml(text);
  if (!read.ok) return { kind: 'error', text: t.say(read.reason), usage: t.t('usage.feedsImport'), private: true };
  const r = await importOpml(ctx.store, read.entries, { scope, now: req.now, fetcher: ctx.fetcher, maxPerScope: ctx.chatLimits.feedsPerScope });
  const lines = [
    t.t('feeds.imported', { file: file.name, added: r.added.length, duplicates: r.duplicates.length, refused: r.refused.length }),
    ...r.added.map((f) => `+ [${f.id}] ${t.isolate(f.title ?? f.url)}`),
    ...r.refused.slice(0, MAX_REASONS).map((x) => `✗ ${t.isolate(x.url)}: ${t.say(x.reason)}`),
  ];
  if (r.refused.length > MAX_REASONS) lines.push(t.t('feeds.moreRefused', { count: r.refused.length - MAX_REASONS }));
  return { kind: 'text', private: true, lines };
}

/** This chat's own feeds as an OPML file. */
export async function feedsExportCommand(req: CommandRequest, ctx: CommandContext, scope: string, t: Translator): Promise<Reply> {
  const feeds = (await listFeeds(ctx.store, scope)).filter((f) => f.scope === scope);
  if (feeds.length === 0) return { kind: 'text', private: true, lines: [t.t('feeds.exported', { count: 0 })] };
  return { kind: 'file', private: true, name: 'newsbot-feeds.opml', mime: 'text/x-opml', content: exportOpml(feeds, 'newsbot feeds', req.now), caption: t.t('feeds.exported', { count: feeds.length }) };
}
