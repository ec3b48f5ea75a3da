import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { seedDataFolder, startService } from './service-harness.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake-service.token-abcdefghijklmnop';

describe('newsbot start with a Discord token (real discord.js, fake Discord)', () => {
  let fake: FakeDiscord;
  let data: { db: string; remove(): void };

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    data = await seedDataFolder({ platform: 'discord', chatId: fake.ids.channelId, scope: `discord:${fake.ids.guildId}` }, 15);
  });
  afterAll(async () => {
    await fake.close();
    data.remove();
  });

  it('registers commands, catches up the missed digest as embeds, answers a slash command, and exits 0 on SIGTERM', async () => {
    const svc = startService(data.db, { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, DISCORD_APPLICATION_ID: fake.ids.applicationId, DISCORD_GUILD_ID: fake.ids.guildId });
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
      const { code, ms } = await svc.stop();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(svc.output()).not.toContain(TOKEN);
    }
  });
});
