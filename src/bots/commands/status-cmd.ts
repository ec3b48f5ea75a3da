import { listFeeds } from '../../ingest/feeds.js';
import { deliveryState } from '../../scheduler/delivery-status.js';
import { feedLines } from './feeds-cmd.js';
import { formatInZone, loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { DeliveryRecord, Subscription } from '../../model.js';
import { english, type Translator } from '../../i18n/i18n.js';

/** "Last delivery: Sa., 28. Nov., 08:00 Europe/Berlin, fehlgeschlagen (Bad Gateway)". */
function lastLine(last: DeliveryRecord | null, sub: Subscription, t: Translator): string {
  if (!last) return t.t('status.lastNone');
  const values = { when: formatInZone(new Date(last.slot), sub.timezone, t), status: t.t(`delivery.${last.status}`) };
  return last.error ? t.t('status.lastError', { ...values, error: last.error }) : t.t('status.last', values);
}

/** /status (admin): articles, this chat's feeds and their health, schedule, last delivery, pause reason. */
export async function statusCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const sub = await loadSettings(ctx.store, req, ctx.config);
  const [articles, feeds, { next, last }] = await Promise.all([
    ctx.store.countArticles(),
    listFeeds(ctx.store, sub.scope),
    deliveryState(ctx.store, sub, req.now),
  ]);
  const lines: string[] = [t.t('status.articles', { count: articles })];
  const outage = ctx.storage?.outage();
  if (outage) lines.unshift(t.t('status.storage', { ago: t.ago(outage.since, req.now), code: outage.code ?? 'error', error: outage.error }));
  lines.push(feeds.length ? t.t('status.feeds', { count: feeds.length }) : t.t('status.noFeeds'));
  lines.push(...feedLines(feeds, req.now, t).map((l) => `  ${l}`));
  if (sub.active) {
    const values = { times: t.list(sub.times), zone: sub.timezone };
    lines.push(next ? t.t('status.subscriptionNext', { ...values, when: formatInZone(next, sub.timezone, t) }) : t.t('status.subscription', values));
  } else {
    lines.push(t.t('status.noSubscription'));
  }
  if (sub.paused) lines.push(t.t('status.paused', { ago: t.ago(sub.paused.at, req.now), reason: sub.paused.reason }));
  lines.push(lastLine(last, sub, t));
  const topics = sub.topics.length ? t.list(sub.topics) : t.t('status.everything');
  lines.push(sub.mutes.length ? t.t('status.topicsMuted', { topics, mutes: t.list(sub.mutes) }) : t.t('status.topics', { topics }));
  return { kind: 'text', private: true, title: t.t('status.title'), lines };
}
