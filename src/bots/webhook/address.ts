/**
 * A webhook URL is a secret: whoever has it can post to the channel. It is stored only in
 * Subscription.address; ids, logs and listings use its hash and a masked form.
 */
import { createHash } from 'node:crypto';
import { isBlockedAddress, isBlockedName } from '../../ingest/net-guard.js';

/** Which payload a webhook takes: Slack's (also Mattermost, Rocket.Chat) or Discord's. */
export type WebhookKind = 'slack' | 'discord';

/** Discord channel webhooks: https://discord.com/api/webhooks/<id>/<token> (and discordapp.com). */
export function webhookKind(url: string): WebhookKind {
  const u = new URL(url);
  return /(^|\.)discord(app)?\.com$/.test(u.hostname) && u.pathname.startsWith('/api/webhooks/') ? 'discord' : 'slack';
}

/** The chat id of a webhook: 16 hex chars of sha256(url), stable and safe to log. */
export function webhookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** "https://hooks.slack.com/services/…": the origin and the first path segment, never the token. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const first = u.pathname.split('/').filter(Boolean)[0];
    return `${u.origin}/${first ? `${first}/` : ''}…`;
  } catch {
    return '(invalid URL)';
  }
}

/** Why `url` cannot be a webhook, or null when it can. Private addresses only with NEWSBOT_ALLOW_PRIVATE_URLS=1. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a URL; give the full https://… address the service showed';
  }
  if (u.protocol !== 'https:' && !(allowPrivate && u.protocol === 'http:')) return 'must start with https://';
  if (u.username || u.password) return 'must not carry a user name or password';
  if (!allowPrivate && (isBlockedName(u.hostname) || isBlockedAddress(u.hostname))) return 'points to a private or local address (set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)';
  return null;
}
