/**
 * Webhook set-up from the command line (no chat to type /subscribe in):
 *   newsbot subscribe --webhook <url> --at 07:30 --tz Europe/Berlin [--topics a,b]
 *   newsbot webhooks [--json]              list (URLs masked)
 *   newsbot unsubscribe --webhook <url|id>
 */
import type { Command } from 'commander';
import type { Subscription } from '../../model.js';
import { CliError } from '../../cli/output.js';
import type { PlatformCli } from '../platform.js';
import { maskUrl, webhookId, webhookKind, webhookUrlProblem } from './address.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const words = (s: string | undefined): string[] => (s ?? '').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);

interface SubscribeOptions { webhook: string; at: string; tz?: string; topics?: string; mute?: string }

/** The subscription for a webhook: new, or the existing one with the new schedule (resumed if paused). */
export function webhookSubscription(o: SubscribeOptions, existing: Subscription | null, d: { timezone: string; maxStories: number; allowPrivateUrls: boolean; now: Date }): Subscription {
  const problem = webhookUrlProblem(o.webhook, d.allowPrivateUrls);
  if (problem) throw new CliError(`--webhook ${maskUrl(o.webhook)} ${problem}`, 2);
  const times = o.at.split(',').map((t) => t.trim());
  const bad = times.find((t) => !TIME.test(t));
  if (bad !== undefined || times.length > 6) throw new CliError(`--at "${o.at}" must be up to 6 times HH:MM (24-hour), e.g. 07:30 or 07:30,18:00`, 2);
  const timezone = o.tz ?? existing?.timezone ?? d.timezone;
  if (!validZone(timezone)) throw new CliError(`--tz "${timezone}" is not an IANA time zone (e.g. Europe/Berlin)`, 2);
  const id = webhookId(o.webhook);
  const at = d.now.toISOString();
  return {
    id: `webhook:${id}`, platform: 'webhook', chatId: id, scope: 'global', active: true, times: [...new Set(times)].sort(), weekdays: null, timezone,
    topics: o.topics !== undefined ? words(o.topics) : (existing?.topics ?? []), mutes: o.mute !== undefined ? words(o.mute) : (existing?.mutes ?? []),
    maxStories: existing?.maxStories ?? d.maxStories, paused: null, createdAt: existing?.createdAt ?? at, updatedAt: at,
    lastDigestAt: existing?.lastDigestAt ?? null, address: o.webhook,
  };
}

/** Finds a webhook subscription by its URL or its id (as `newsbot webhooks` shows it). */
const idOf = (target: string): string => `webhook:${/^[0-9a-f]{16}$/.test(target) ? target : webhookId(target)}`;

export function webhookCommands(program: Command, app: PlatformCli): void {
  program.command('subscribe')
    .description('deliver digests to a webhook (Slack, Mattermost, Rocket.Chat, or a Discord channel webhook)')
    .requiredOption('--webhook <url>', 'the incoming-webhook URL (a secret: stored, never printed)')
    .requiredOption('--at <HH:MM[,HH:MM…]>', 'delivery times')
    .option('--tz <zone>', 'IANA time zone (default TZ)')
    .option('--topics <a,b>', 'only stories about these words')
    .option('--mute <a,b>', 'leave out stories with these words')
    .action((o: SubscribeOptions) => app.withStore(async (store, d) => {
      const sub = webhookSubscription(o, await store.getSubscription(idOf(o.webhook)), d);
      await store.putSubscription(sub);
      process.stdout.write(`subscribed ${sub.id} (${webhookKind(o.webhook)} webhook ${maskUrl(o.webhook)}) at ${sub.times.join(', ')} ${sub.timezone}${sub.topics.length ? `, topics ${sub.topics.join(', ')}` : ''}\n`);
      process.stderr.write('newsbot start delivers it (restart a running service to pick up a first webhook).\n');
    }));
  program.command('webhooks')
    .description('list webhook subscriptions (URLs masked)')
    .option('--json', 'JSON output')
    .action((o: { json?: boolean }) => app.withStore(async (store) => {
      const subs = (await store.listSubscriptions()).filter((s) => s.platform === 'webhook');
      const rows = subs.map((s) => ({ id: s.chatId, url: maskUrl(s.address ?? ''), active: s.active, times: s.times, timezone: s.timezone, topics: s.topics, paused: s.paused }));
      if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) process.stdout.write('no webhook subscriptions (add one with newsbot subscribe --webhook <url> --at HH:MM)\n');
      else for (const r of rows) process.stdout.write(`${r.id} ${r.url} ${r.times.join(',')} ${r.timezone}${r.paused ? ` PAUSED (${r.paused.reason})` : ''}\n`);
    }));
  program.command('unsubscribe')
    .description('stop delivering to a webhook')
    .requiredOption('--webhook <url|id>', 'the webhook URL, or its id from newsbot webhooks')
    .action((o: { webhook: string }) => app.withStore(async (store) => {
      const id = idOf(o.webhook);
      if (!(await store.getSubscription(id))) throw new CliError(`no webhook subscription ${/^[0-9a-f]{16}$/.test(o.webhook) ? o.webhook : maskUrl(o.webhook)}; see newsbot webhooks`, 1);
      await store.removeSubscription(id);
      process.stdout.write(`unsubscribed ${id}\n`);
    }));
}
