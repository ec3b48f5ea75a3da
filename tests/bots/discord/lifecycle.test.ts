import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DiscordStartError, startDiscordBot, TOKEN_REJECTED } from '../../../src/bots/discord/index.js';
import { COMMANDS } from '../../../src/bots/commands/catalog.js';
import { createLogger } from '../../../src/log.js';
import { DISCORD_ERRORS, FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MANAGE_GUILD, startHarness } from './harness.js';

const noop = { pause: async () => {}, migrate: async () => {} };

describe('given start-up', () => {
  it('with a guild id, registers every command in that guild, with the Guilds intent only', async () => {
    const h = await startHarness();
    try {
      const route = `/applications/${h.fake.ids.applicationId}/guilds/${h.fake.ids.guildId}/commands`;
      expect([...h.fake.commandPuts.keys()]).toEqual([route]);
      expect((h.fake.commandPuts.get(route) ?? []).length).toBe(COMMANDS.length);
      expect(h.fake.stats.intents).toBe(1);
      expect(h.bot.applicationId).toBe(h.fake.ids.applicationId);
    } finally {
      await h.stop();
    }
  });

  it('without a guild id or application id, registers globally for the application READY names', async () => {
    const h = await startHarness({ guildId: null, applicationId: null, fake: { ids: { applicationId: '100000000000000555' } } });
    try {
      expect([...h.fake.commandPuts.keys()]).toEqual(['/applications/100000000000000555/commands']);
      expect(h.bot.applicationId).toBe('100000000000000555');
    } finally {
      await h.stop();
    }
  });

  it('when registration fails, logs it and still answers commands', async () => {
    const fake = await FakeDiscord.start();
    fake.inject('/commands', DISCORD_ERRORS.missingAccess);
    const logs: string[] = [];
    const bot = await startDiscordBot({
      config: { token: fake.token, applicationId: fake.ids.applicationId, guildId: fake.ids.guildId, apiBase: fake.apiBase },
      handler: async () => ({ kind: 'text', lines: ['pong'] }),
      events: noop, admins: [], log: createLogger({ json: true, write: (l) => logs.push(l) }),
      tuning: { waitGuildTimeoutMs: 500 },
    });
    try {
      expect(logs.some((l) => l.includes('could not register slash commands') && l.includes('50001'))).toBe(true);
      const ix = await fake.interact({ name: 'help' });
      await fake.waitFor(() => ix.edits.length === 1, 'reply');
      expect(ix.edits[0]?.content).toBe('pong');
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('with a wrong token, fails with one clear line and never logs the token', async () => {
    const fake = await FakeDiscord.start();
    const logs: string[] = [];
    const wrong = 'wrong-token-1234567890';
    try {
      const err = await startDiscordBot({
        config: { token: wrong, applicationId: null, guildId: null, apiBase: fake.apiBase },
        handler: async () => ({ kind: 'text', lines: [] }),
        events: noop, admins: [], log: createLogger({ level: 'debug', json: true, write: (l) => logs.push(l) }),
      }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DiscordStartError);
      expect((err as Error).message).toBe(TOKEN_REJECTED);
      expect(TOKEN_REJECTED).toBe('Discord: the bot token was rejected (401); check DISCORD_TOKEN');
      expect(logs.join('\n')).not.toContain(wrong);
      expect(fake.stats.identifies).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('when the gateway closes with 4004 (authentication failed), fails with one line about the token', async () => {
    const fake = await FakeDiscord.start({ gatewayToken: 'another-token-abcdef' });
    try {
      const err = await startDiscordBot({
        config: { token: fake.token, applicationId: null, guildId: null, apiBase: fake.apiBase },
        handler: async () => ({ kind: 'text', lines: [] }),
        events: noop, admins: [], log: createLogger({ json: true, write: () => {} }),
      }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DiscordStartError);
      expect((err as Error).message).toBe('Discord: the gateway rejected the bot token (4004); check DISCORD_TOKEN');
    } finally {
      await fake.close();
    }
  });

  it('with nothing listening at the API base, fails with a line naming it', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const err = await startDiscordBot({
      config: { token: 'some-token-abcdef', applicationId: null, guildId: null, apiBase: `http://127.0.0.1:${port}/api` },
      handler: async () => ({ kind: 'text', lines: [] }),
      events: noop, admins: [], log: createLogger({ json: true, write: () => {} }),
      tuning: { retries: 0, restTimeoutMs: 1000 },
    }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordStartError);
    expect((err as Error).message).toMatch(new RegExp(`^Discord: could not connect to http://127\\.0\\.0\\.1:${port}/api`));
    expect((err as Error).message).not.toContain('some-token-abcdef');
  });
});

describe('given a running bot', () => {
  it('with a fast heartbeat, its heartbeats are acknowledged and it keeps answering', async () => {
    const h = await startHarness({ fake: { heartbeatIntervalMs: 50 } });
    try {
      await h.fake.waitFor(() => h.fake.stats.heartbeats >= 3, 'three heartbeats');
      await h.run({ name: 'help' });
      expect(h.fake.stats.identifies).toBe(1);
    } finally {
      await h.stop();
    }
  });

  it('when the gateway drops the connection, resumes the session and still answers commands', async () => {
    const h = await startHarness();
    try {
      h.fake.dropGateway(4000);
      await h.fake.waitFor(() => h.fake.stats.resumes === 1 && h.fake.gatewayReady, 'resume');
      const ix = await h.run({ name: 'status', permissions: MANAGE_GUILD });
      expect(ix.edits.length).toBe(1);
      expect(h.fake.stats.identifies).toBe(1);
      expect(h.logs.some((l) => l.includes('gateway resumed'))).toBe(true);
    } finally {
      await h.stop();
    }
  });

  it('when the session cannot be resumed, identifies again and still answers commands', async () => {
    const h = await startHarness();
    try {
      h.fake.forgetSessions();
      h.fake.dropGateway(4000);
      await h.fake.waitFor(() => h.fake.stats.identifies === 2 && h.fake.gatewayReady, 'second identify', 15_000);
      await h.run({ name: 'help' });
      expect(h.requests.at(-1)?.command).toBe('help');
    } finally {
      await h.stop();
    }
  });

  it('stop() closes the gateway and may be called twice', async () => {
    const h = await startHarness();
    await h.bot.stop();
    await h.fake.waitFor(() => !h.fake.gatewayReady, 'gateway closed');
    await h.bot.stop();
    await h.fake.close();
  });
});
