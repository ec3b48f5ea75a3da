import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { ingestInputs } from '../../src/ingest/ingest.js';
import type { Subscription } from '../../src/model.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake-service.token-abcdefghijklmnop';

describe('newsbot start with a Discord token (real discord.js, fake Discord)', () => {
  let fake: FakeDiscord;
  let db: string;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    db = join(mkdtempSync(join(tmpdir(), 'newsbot-dsvc-')), 'data');
    const now = new Date();
    const store = await openStore(db);
    await ingestInputs(store, [join(ROOT, 'data', 'samples')], { now: new Date(now.getTime() - 2 * 3_600_000) });
    const slot = new Date(now.getTime() - 15 * 60_000);
    const hhmm = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
    const created = new Date(now.getTime() - 86_400_000).toISOString();
    const sub: Subscription = {
      id: `discord:${fake.ids.channelId}`, platform: 'discord', chatId: fake.ids.channelId, scope: `discord:${fake.ids.guildId}`, active: true,
      times: [hhmm], weekdays: null, timezone: 'UTC', topics: [], mutes: [], maxStories: 10, paused: null,
      createdAt: created, updatedAt: created, lastDigestAt: null,
    };
    await store.putSubscription(sub);
    await store.close();
  });
  afterAll(async () => {
    await fake.close();
    rmSync(join(db, '..'), { recursive: true, force: true });
  });

  it('registers commands, catches up the missed digest as embeds, answers a slash command, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start', '--db', db], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, DISCORD_APPLICATION_ID: fake.ids.applicationId, DISCORD_GUILD_ID: fake.ids.guildId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await fake.waitFor(() => fake.channelMessages.length > 0, 'the caught-up digest', 20_000);
      const digest = fake.channelMessages[0]!.body;
      expect(digest.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(digest.embeds)).toMatch(/Tram/);
      expect([...fake.commandPuts.keys()].some((k) => k.includes(`/guilds/${fake.ids.guildId}/commands`))).toBe(true);

      const log = await fake.interact({ name: 'latest', options: [{ name: 'count', type: 4, value: 2 }] });
      await fake.waitFor(() => log.edits.length + log.followUps.length > 0, 'the /latest answer', 10_000);
      expect(JSON.stringify(log.edits[0] ?? log.followUps[0])).toMatch(/Latest 2 articles/);

      const refused = await fake.interact({ name: 'status', permissions: '0' });
      await fake.waitFor(() => refused.edits.length + refused.followUps.length > 0, 'the refusal', 10_000);
      expect(JSON.stringify(refused.edits[0] ?? refused.followUps[0])).toMatch(/Manage Server/);
    } finally {
      const t = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      expect(code).toBe(0);
      expect(Date.now() - t).toBeLessThan(10_000);
      expect(out).not.toContain(TOKEN);
    }
  });
});
