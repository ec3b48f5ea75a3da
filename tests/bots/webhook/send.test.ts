/**
 * Where a webhook POST may go: a public name that resolves to a private address is refused at
 * connect time (the address connected to is the one checked), and so is a private IP literal;
 * NEWSBOT_ALLOW_PRIVATE_URLS=1 lets both through. A webhook added after the service started is
 * delivered on a shared database, without a restart.
 */
import type { LookupFunction } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../../src/bots/webhook/send.js';
import { webhookPlatform } from '../../../src/bots/webhook/platform.js';
import { DeliveryError } from '../../../src/scheduler/sender.js';
import { openApp, platformContext } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { envReader } from '../../../src/env.js';
import { FakeWebhooks } from '../../fakes/webhook/fake-webhook.js';

/** A resolver that answers every name with 127.0.0.1, as a rebinding DNS name would. */
const toLoopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

let fake: FakeWebhooks;
const dir = mkdtempSync(join(tmpdir(), 'newsbot-webhook-send-'));
beforeAll(async () => {
  fake = await FakeWebhooks.start();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const port = () => new URL(fake.base).port;

describe('postWebhook address guard', () => {
  it('refuses a public name that resolves to a private address, as permanent (the subscription pauses)', async () => {
    const before = fake.received.length;
    const err = await postWebhook(`http://hooks.example.com:${port()}/services/T/B/x`, { text: 'hi' }, { lookup: toLoopback }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('permanent');
    expect((err as DeliveryError).message).toMatch(/resolves to a private or local address; set NEWSBOT_ALLOW_PRIVATE_URLS=1/);
    expect((err as DeliveryError).message).not.toContain('/B/x');
    expect(fake.received.length).toBe(before);
  });

  it('refuses a private IP literal without a lookup', async () => {
    const err = await postWebhook(`${fake.base}/services/T/B/y`, { text: 'hi' }).catch((e: unknown) => e);
    expect((err as DeliveryError).kind).toBe('permanent');
  });

  it('posts to both once private URLs are allowed', async () => {
    await postWebhook(`http://hooks.example.com:${port()}/services/T/B/z`, { text: 'hi' }, { lookup: toLoopback, allowPrivate: true });
    await postWebhook(`${fake.base}/services/T/B/z`, { text: 'again' }, { allowPrivate: true });
    expect(fake.delivered('/services/T/B/z').length).toBe(2);
  });
});

describe('the webhook platform at start', () => {
  it('on the embedded store with no webhook has nothing to run; on a shared database it runs and delivers one added later', async () => {
    const app = await openApp(loadConfig({ NEWSBOT_ALLOW_PRIVATE_URLS: '1', NEWSBOT_LOG_LEVEL: 'error' }, { dataDir: join(dir, 'db') }));
    try {
      const configured = webhookPlatform.configure(envReader({}, []));
      expect(configured).not.toBeNull();
      expect(await configured!.start({ ...platformContext(app, 'webhook'), sharedStore: false })).toBeNull();
      const running = await configured!.start({ ...platformContext(app, 'webhook'), sharedStore: true });
      expect(running).not.toBeNull();
      expect(running!.background).toBe(true);
      // Added after the start, as another process on the database would.
      const now = new Date().toISOString();
      await app.store.putSubscription({
        id: 'webhook:later', platform: 'webhook', chatId: 'later', scope: 'webhook:later', address: `${fake.base}/services/T/B/later`, active: true,
        times: ['08:00'], weekdays: null, timezone: 'UTC', topics: [], mutes: [], maxStories: 3, paused: null, createdAt: now, updatedAt: now, lastDigestAt: null,
      });
      await running!.sender.send('later', running!.sender.render({ generatedAt: now, window: { from: now, to: now }, stories: [], topics: [] }, 'No new stories')[0]);
      expect(fake.delivered('/services/T/B/later').length).toBe(1);
      await running!.stop();
    } finally {
      await app.close();
    }
  });
});
