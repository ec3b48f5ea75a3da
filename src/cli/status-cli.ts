import type { App } from '../app.js';
import { feedLines } from '../bots/commands/feeds-cmd.js';
import { formatInZone } from '../bots/commands/settings.js';
import { deliveryState, lastDeliveryText } from '../scheduler/delivery-status.js';
import { printJson } from './output.js';

/** `newsbot status`: what is stored, feed health, every subscription's next run and last delivery. */
export async function statusCommand(app: App, json: boolean): Promise<void> {
  const now = app.clock();
  const [articles, feeds, subs] = await Promise.all([app.store.countArticles(), app.store.listFeeds(), app.store.listSubscriptions()]);
  const rows = await Promise.all(subs.map(async (sub) => ({ sub, ...(await deliveryState(app.store, sub, now)) })));
  // With NEWSBOT_LLM_URL: today's model summaries (UTC day), from the summary cache.
  const model = app.summarizer.counts ? { model: app.summarizer.model ?? null, dailyCalls: app.summarizer.dailyCalls ?? null, ...app.summarizer.counts(now) } : null;
  if (json) {
    printJson({
      articles,
      ...(model ? { modelSummaries: model } : {}),
      feeds: feeds.map((f) => ({ id: f.id, url: f.url, title: f.title, scope: f.scope, failures: f.failures, disabled: f.disabled, lastError: f.lastError, lastOkAt: f.lastOkAt })),
      subscriptions: rows.map(({ sub, next, last }) => ({
        id: sub.id, active: sub.active, times: sub.times, timezone: sub.timezone, paused: sub.paused,
        nextRun: next?.toISOString() ?? null, lastDelivery: last ? { slot: last.slot, status: last.status, error: last.error } : null,
      })),
    });
    return;
  }
  const out: string[] = [`articles stored: ${articles}`];
  if (model) {
    out.push(`model summaries today (${model.model ?? 'model'}, UTC ${model.day}): ${model.calls} of ${model.dailyCalls ?? '∞'} calls; ${model.rewritten} rewritten, ` +
      `${model.unfaithful} refused as unfaithful, ${model.failed} failed, ${model.overBudget} over budget (those kept the extractive summary)`);
  }
  out.push(`feeds: ${feeds.length}`);
  out.push(...feedLines(feeds, now).map((l) => `  ${l}`));
  out.push(`subscriptions: ${subs.filter((s) => s.active).length} active of ${subs.length}`);
  for (const { sub, next, last } of rows) {
    const state = sub.paused ? `PAUSED (${sub.paused.reason})` : sub.active ? `next ${next ? formatInZone(next, sub.timezone) : '—'}` : 'unsubscribed';
    const lastText = `last ${lastDeliveryText(last, (d) => formatInZone(d, sub.timezone)) ?? 'none yet'}`;
    out.push(`  ${sub.id} ${sub.times.join(',')} ${sub.timezone}: ${state}; ${lastText}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
