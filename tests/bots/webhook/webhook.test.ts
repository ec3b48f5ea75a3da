/** Outgoing webhooks end to end: CLI set-up, scheduled delivery to the fake, limits, pauses, the URL kept secret. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import { loadConfig } from '../../../src/config.js';
import { runService } from '../../../src/service.js';
import { openStore } from '../../../src/store/lowdb-store.js';
import { renderWebhook, webhookPayload } from '../../../src/bots/webhook/payload.js';
import { maskUrl, webhookKind } from '../../../src/bots/webhook/address.js';
import { discordProblem, FakeWebhooks, slackProblem } from '../../fakes/webhook/fake-webhook.js';
import { sampleDigest, sampleStory } from '../../digest/render/sample-digest.js';

const SECRET = 'xoxSECRETtoken0123456789';
const dir = mkdtempSync(join(tmpdir(), 'newsbot-webhook-'));
let fake: FakeWebhooks;
beforeAll(async () => {
  fake = await FakeWebhooks.start();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function capture(): () => string {
  let out = '';
  const add = (chunk: string | Uint8Array) => ((out += String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(add);
  vi.spyOn(process.stderr, 'write').mockImplementation(add);
  return () => out;
}

const huge = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ');

describe('webhook payloads', () => {
  const stories = Array.from({ length: 30 }, (_, i) => sampleStory(i, {
    title: huge(80, `Headline${i}`), summary: [huge(900, 'fact')],
    sources: [{ name: huge(50, 'Source'), url: `https://news.example/${i}/a|b[c]^`, title: 't' }],
  }));

  it('splits a large digest into messages that Slack and Discord both accept', () => {
    const messages = renderWebhook({ ...sampleDigest(stories), timeZone: 'Europe/Berlin' }, 'none');
    expect(messages.length).toBe(4);
    for (const m of messages) {
      expect(slackProblem(webhookPayload('slack', m) as Record<string, unknown>)).toBeNull();
      expect(discordProblem(webhookPayload('discord', m) as Record<string, unknown>)).toBeNull();
    }
  });

  it('the fake refuses over-limit payloads (so the test above can fail)', () => {
    expect(slackProblem({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toContain('50');
    expect(slackProblem({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] })).toContain('header');
    expect(slackProblem({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] })).toContain('section');
    expect(slackProblem({ text: 'x'.repeat(40_001) })).toBe('msg_too_long');
    expect(discordProblem({ embeds: [{ title: 'x'.repeat(257) }] })).toContain('256');
    expect(discordProblem({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })).toContain('6000');
  });

  it('knows a Discord channel webhook from a Slack-compatible one, and masks the token', () => {
    expect(webhookKind('https://discord.com/api/webhooks/1/abc')).toBe('discord');
    expect(webhookKind('https://hooks.slack.com/services/T/B/abc')).toBe('slack');
    expect(webhookKind('https://chat.example.org/hooks/abc')).toBe('slack');
    expect(maskUrl(`https://hooks.slack.com/services/T/B/${SECRET}`)).toBe('https://hooks.slack.com/services/…');
  });
});

describe('newsbot subscribe --webhook, then newsbot start', () => {
  it('subscribes from the CLI, delivers on schedule within the limits, retries a 429, pauses on 410, never prints the URL', async () => {
    vi.stubEnv('NEWSBOT_ALLOW_PRIVATE_URLS', '1');
    const db = join(dir, 'e2e');
    const good = `/services/T01/B01/${SECRET}`;
    const gone = `/services/T02/B02/${SECRET}gone`;
    const out = capture();
    // A feed of this hour, so the digest has a story to carry (the samples are dated in the past).
    const feed = join(dir, 'fresh.rss');
    const hourAgo = new Date(Date.now() - 3_600_000).toUTCString();
    const items = [['Harbour bridge reopens after storm repairs', 'The harbour bridge reopened to traffic on Monday after three weeks of repairs to storm damage. Engineers replaced two cables and resurfaced the deck, the city council said.'],
      ['Council approves new library for the old mill', 'The city council approved plans for a public library in the old mill building. Work starts in the spring and the library should open next year, officials said.']]
      .map(([t, d], i) => `<item><title>${t}</title><link>https://news.example/fresh/${i}</link><pubDate>${hourAgo}</pubDate><description>${d}</description></item>`).join('');
    writeFileSync(feed, `<?xml version="1.0"?><rss version="2.0"><channel><title>Fresh Wire</title><link>https://news.example/</link>${items}</channel></rss>`);
    expect(await main(['node', 'newsbot', '--db', db, 'ingest', feed])).toBe(0);
    const slot = new Date(Date.now() - 20 * 60_000);
    const at = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
    expect(await main(['node', 'newsbot', '--db', db, 'subscribe', '--webhook', fake.base + good, '--at', at, '--tz', 'UTC'])).toBe(0);
    expect(await main(['node', 'newsbot', '--db', db, 'subscribe', '--webhook', fake.base + gone, '--at', at, '--tz', 'UTC'])).toBe(0);
    expect(await main(['node', 'newsbot', '--db', db, 'subscribe', '--webhook', 'ftp://x.example/hook', '--at', at])).toBe(2);
    expect(await main(['node', 'newsbot', '--db', db, 'subscribe', '--webhook', fake.base + good, '--at', '25:00'])).toBe(2);
    expect(await main(['node', 'newsbot', '--db', db, 'webhooks'])).toBe(0);
    expect(out()).toMatch(/subscribed webhook:[0-9a-f]{16} \(slack webhook http:\/\/127\.0\.0\.1:\d+\/services\/…\)/);
    // Subscribed two days ago, so the slot 20 minutes ago is caught up on start.
    const store = await openStore(db);
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const s of await store.listSubscriptions()) await store.putSubscription({ ...s, createdAt: old, updatedAt: old });
    await store.close();

    fake.script = (path, n) => (path === gone ? { status: 410 } : path === good && n === 1 ? { status: 429, retryAfter: 1 } : null);
    let stop!: (s: string) => void;
    const signal = new Promise<string>((r) => (stop = r));
    const running = runService(loadConfig({ NEWSBOT_ALLOW_PRIVATE_URLS: '1', NEWSBOT_LOG_LEVEL: 'debug' }, { dataDir: db }), { signal });
    await vi.waitUntil(() => fake.delivered(good).length >= 1 && fake.received.some((r) => r.path === gone), { timeout: 40_000, interval: 100 })
      .catch((err: unknown) => {
        vi.restoreAllMocks();
        throw new Error(`${String(err)}; received ${JSON.stringify(fake.received.map((r) => [r.path.slice(0, 20), r.status]))}; output:\n${out()}`);
      });
    await new Promise((r) => setTimeout(r, 300));
    stop('test');
    expect(await running).toBe(0);

    const tries = fake.received.filter((r) => r.path === good);
    expect(tries.map((r) => r.status)).toEqual([429, 200]); // the sample digest (one message), once, after the 429
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900); // Retry-After: 1 honoured
    expect(JSON.stringify(tries[1]!.body)).toMatch(/Harbour bridge reopens after storm repairs/);
    expect(fake.received.filter((r) => r.status === 400)).toEqual([]);
    const after = await openStore(db);
    const subs = await after.listSubscriptions();
    await after.close();
    const paused = subs.find((s) => s.address?.endsWith('gone'));
    expect(paused?.paused?.reason).toMatch(/HTTP 410/);
    expect(paused?.paused?.reason).not.toContain(SECRET);
    expect(subs.find((s) => s.address?.endsWith(SECRET))?.paused).toBeNull();
    expect(out()).not.toContain(SECRET);

    expect(await main(['node', 'newsbot', '--db', db, 'unsubscribe', '--webhook', fake.base + gone])).toBe(0);
    expect(await main(['node', 'newsbot', '--db', db, 'unsubscribe', '--webhook', fake.base + gone])).toBe(1);
  }, 90_000);
});
