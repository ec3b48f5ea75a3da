/**
 * Outgoing webhooks as a registry entry: digests posted to Slack-compatible incoming webhooks
 * (Slack, Mattermost, Rocket.Chat) and Discord channel webhooks. No bot and no inbound commands:
 * set up from the CLI (cli.ts). The URL lives only in Subscription.address.
 */
import { definePlatform } from '../platform.js';
import { webhookCommands } from './cli.js';
import { webhookKind } from './address.js';
import { renderWebhook, webhookPayload } from './payload.js';
import { postWebhook } from './send.js';
import { DeliveryError } from '../../scheduler/sender.js';

export const webhookPlatform = definePlatform({
  id: 'webhook',
  // Always configured: it has work whenever a webhook subscription exists.
  config: { vars: {}, read: () => ({}), secrets: () => [] },
  // No admins: nobody chats with a webhook.
  adminId: { pattern: /(?!)/, example: '' },
  wording: { admins: 'the operator (newsbot subscribe --webhook)', refusal: (command) => `/${command} is not available on webhooks.` },
  // Slack allows about 1 message per second per webhook; Discord 5 per 2 s per webhook, 50/s per IP.
  limits: [
    { name: 'global', limit: 20, windowMs: 1000, keyOf: () => '*', global: true },
    { name: 'webhook', limit: 1, windowMs: 1000, keyOf: (chatId: string) => chatId },
  ],
  render: {
    digest: renderWebhook,
    reply: (reply) => (reply.kind === 'none' ? [] : renderWebhook({ generatedAt: '', window: { from: '', to: '' }, stories: [], topics: [] }, reply.kind === 'text' ? reply.lines.join('\n') : reply.kind === 'error' ? reply.text : reply.kind === 'file' ? `${reply.caption}\n${reply.content}` : reply.emptyText)),
    preview: (digest, opts) => JSON.stringify(renderWebhook({ ...digest, timeZone: opts.timeZone }, opts.emptyText).map((m) => webhookPayload('slack', m)), null, 2),
  },
  cli: webhookCommands,
  async start(_config, ctx) {
    // On the embedded store only `newsbot subscribe --webhook` adds one, and it cannot while this
    // service holds the data folder's lock: with none now there is nothing to run. On a shared
    // database another process can add one at any time: always run, so it is delivered without a restart.
    const subs = (await ctx.store.listSubscriptions()).filter((s) => s.platform === 'webhook');
    if (subs.length === 0 && !ctx.sharedStore) return null;
    ctx.log.info('webhooks delivering', { subscriptions: subs.length });
    return {
      async send(chatId, message) {
        // Read at each send: a re-subscribe with a new URL takes effect at once.
        const url = (await ctx.store.getSubscription(`webhook:${chatId}`))?.address;
        if (!url) throw new DeliveryError('permanent', 'Webhook: the subscription has no URL; subscribe it again');
        await postWebhook(url, webhookPayload(webhookKind(url), message), { allowPrivate: ctx.allowPrivateUrls });
      },
      stop: async () => undefined,
      background: true,
    };
  },
});
