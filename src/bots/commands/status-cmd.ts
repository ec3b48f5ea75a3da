import { listFeeds } from '../../ingest/feeds.js';
import { deliveryState, lastDeliveryText } from '../../scheduler/delivery-status.js';
import { feedLines } from './feeds-cmd.js';
import { ago } from './news.js';
import { formatInZone, loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';

/** /status (admin): articles, this chat's feeds and their health, schedule, last delivery, pause reason. */
export async function statusCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const sub = await loadSettings(ctx.store, req, ctx.config);
  const [articles, feeds, { next, last }] = await Promise.all([
    ctx.store.countArticles(),
    listFeeds(ctx.store, sub.scope),
    deliveryState(ctx.store, sub, req.now),
  ]);
  const lines: string[] = [`Articles stored: ${articles}`];
  const outage = ctx.storage?.outage();
  if (outage) lines.unshift(`Storage: writes failing since ${ago(outage.since, req.now)} (${outage.code ?? 'error'}); digests wait and are retried until it works. ${outage.error}`);
  lines.push(feeds.length ? `Feeds (${feeds.length}):` : 'Feeds: none (add one with /feeds add <url>)');
  lines.push(...feedLines(feeds, req.now).map((l) => `  ${l}`));
  if (sub.active) {
    lines.push(`Subscription: ${sub.times.join(', ')} ${sub.timezone}${next ? `, next ${formatInZone(next, sub.timezone)}` : ''}`);
  } else {
    lines.push('Subscription: none (use /subscribe)');
  }
  if (sub.paused) lines.push(`Paused since ${ago(sub.paused.at, req.now)}: ${sub.paused.reason}. /subscribe resumes.`);
  lines.push(`Last delivery: ${lastDeliveryText(last, (d) => formatInZone(d, sub.timezone)) ?? 'none yet'}`);
  lines.push(`Topics: ${sub.topics.length ? sub.topics.join(', ') : 'everything'}${sub.mutes.length ? `; muted: ${sub.mutes.join(', ')}` : ''}`);
  return { kind: 'text', private: true, title: 'newsbot status', lines };
}
