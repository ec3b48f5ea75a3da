/** The fake must refuse what Discord refuses, or the "within limits" tests could not fail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formErrors } from '../../fakes/discord/limits.js';
import type { DiscordMessageBody } from '../../../src/bots/discord/index.js';
import { DeliveryError } from '../../../src/scheduler/sender.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

const x = (n: number) => 'x'.repeat(n);

describe('formErrors', () => {
  it.each([
    ['content over 2000', { content: x(2001) }, 'content'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds'],
    ['over 6000 embed characters', { embeds: [{ description: x(4000) }, { description: x(2001) }] }, 'MAX_EMBED_SIZE_EXCEEDED'],
    ['title over 256', { embeds: [{ title: x(257) }] }, 'title'],
    ['description over 4096', { embeds: [{ description: x(4097) }] }, 'description'],
    ['field value over 1024', { embeds: [{ fields: [{ name: 'n', value: x(1025) }] }] }, 'value'],
    ['footer over 2048', { embeds: [{ footer: { text: x(2049) } }] }, 'footer'],
    ['an empty message', { content: '', embeds: [] }, 'BASE_TYPE_REQUIRED'],
  ])('given %s, returns Discord-style errors', (_what, body, key) => {
    expect(JSON.stringify(formErrors(body))).toContain(key);
  });

  it('given a body at every limit, returns null', () => {
    expect(formErrors({ content: x(2000), embeds: [{ title: x(256), description: x(3000), fields: [{ name: 'n', value: x(1024) }], footer: { text: x(1000) } }] })).toBeNull();
  });
});

describe('given an over-limit message sent through the real bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the fake answers 400 50035 Invalid Form Body and the sender reports it without pausing (transient)', async () => {
    const body: DiscordMessageBody = { content: x(2001), embeds: [], allowed_mentions: { parse: [] } };
    const err = await h.bot.sender.send('300000000000000001', body).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('transient');
    expect((err as DeliveryError).message).toContain('50035');
    expect(h.fake.requests.at(-1)).toMatchObject({ status: 400 });
  });
});
