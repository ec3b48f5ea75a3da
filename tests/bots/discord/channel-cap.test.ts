import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_SEND_LIMITS } from '../../../src/bots/discord/limits.js';
import { bodies, echoReply, sampleDigest, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sendLimits: DISCORD_SEND_LIMITS });
});
afterAll(async () => {
  await h.stop();
});

describe('command answers through the Discord outgoing queue (the per-channel cap)', () => {
  it('given a digest answer of 8 messages, sends 5 at once and the rest once the channel’s 5 s window has room', async () => {
    h.reply = () => ({ kind: 'digest', digest: sampleDigest(40, 900), emptyText: 'No new stories.' });
    try {
      const ix = await h.fake.interact({ name: 'digest' });
      await h.fake.waitFor(() => ix.edits.length + ix.followUps.length >= 8, '8 messages', 30_000);
      await h.bot.idle();
      expect(bodies(ix).flatMap((b) => b.embeds ?? []).length).toBe(40);
      // The edit of the deferred reply and the follow-ups (the deferral is the /callback, not a message).
      const answers = h.fake.requests.filter((r) => r.path.startsWith('/webhooks/') && r.path.includes(ix.token) && r.status < 300).map((r) => r.at);
      expect(answers).toHaveLength(8);
      // The sixth may start only 5 s after the first was answered (a lower bound: a loaded machine only makes it later).
      expect((answers[5] as number) - (answers[0] as number)).toBeGreaterThanOrEqual(5000);
    } finally {
      h.reply = echoReply;
    }
  }, 60_000);
});
