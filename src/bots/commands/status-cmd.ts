import { listFeeds } from '../../ingest/feeds.js';
import { feedLines } from './feeds-cmd.js';
import { ago } from './news.js';
import { formatInZone, loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';

/** /status (admin): articles, this chat's feeds and their health, schedule, last delivery, pause reason. */
export async function statusCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const sub = await loadSettings(ctx.store, req, ctx.config);
  const [articles, feeds, deliveries] = await Promise.all([
    ctx.store.countArticles(),
    listFeeds(ctx.store, sub.scope),
    ctx.store.listDeliveries(sub.id, 1),
  ]);
  const lines: string[] = [`Articles stored: ${articles}`];
  const outage = ctx.storage?.outage();
  if (outage) lines.unshift(`Storage: writes failing since ${ago(outage.since, req.now)} (${outage.code ?? 'error'}); digests wait and are retried until it works. ${outage.error}`);
  lines.push(feeds.length ? `Feeds (${feeds.length}):` : 'Feeds: none (add one with /feeds add <url>)');
  lines.push(...feedLines(feeds, req.now).map((l) => `  ${l}`));
  if (sub.active) {
    const next = sub.paused ? null : ctx.nextRun(sub, req.now);
    lines.push(`Subscription: ${sub.times.join(', ')} ${sub.timezone}${next ? `, next ${formatInZone(next, sub.timezone)}` : ''}`);
  } else {
    lines.push('Subscription: none (use /subscribe)');
  }
  if (sub.paused) lines.push(`Paused since ${ago(sub.paused.at, req.now)}: ${sub.paused.reason}. /subscribe resumes.`);
  const last = deliveries[0];
  lines.push(last ? `Last delivery: ${formatInZone(new Date(last.slot), sub.timezone)}, ${last.status}${last.error ? ` (${last.error})` : ''}` : 'Last delivery: none yet');
  lines.push(`Topics: ${sub.topics.length ? sub.topics.join(', ') : 'everything'}${sub.mutes.length ? `; muted: ${sub.mutes.join(', ')}` : ''}`);
  return { kind: 'text', private: true, title: 'newsbot status', lines };
}
