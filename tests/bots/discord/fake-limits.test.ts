/** The fake must refuse what Discord refuses, or the "within limits" tests could not fail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formErrors } from '../../fakes/discord/limits.js';
import type { DiscordMessageBody } from '../../../src/bots/discord/index.js';
import { DeliveryError } from '../../../src/scheduler/sender.js';
import { startHarness } from './harness.js';
import { renderDiscord } from '../../../src/bots/discord/render.js';
import { sampleDigest, sampleStory } from '../../digest/render/sample-digest.js';
import type { Harness } from './harness.js';

const x = (n: number) => 'x'.repeat(n);
const button = (id: string) => ({ type: 2, style: 1, label: 'Next', custom_id: id });
const row = (id: string) => ({ type: 1, components: [button(id)] });

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
    ['a thumbnail that is not http(s)', { embeds: [{ title: 't', thumbnail: { url: 'data:image/png;base64,AAAA' } }] }, 'URL_TYPE_INVALID_SCHEME'],
    ['a thumbnail URL that is not a URI', { embeds: [{ title: 't', thumbnail: { url: 'https://cdn.example/a b.jpg' } }] }, 'URL_TYPE_INVALID_URL'],
    ['6 action rows', { content: 'c', components: Array.from({ length: 6 }, (_, i) => row(`id${i}`)) }, 'BASE_TYPE_MAX_LENGTH'],
    ['6 buttons in a row', { content: 'c', components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => button(`id${i}`)) }] }, 'BASE_TYPE_BAD_LENGTH'],
    ['an empty row', { content: 'c', components: [{ type: 1, components: [] }] }, 'BASE_TYPE_BAD_LENGTH'],
    ['a custom_id over 100', { content: 'c', components: [row(x(101))] }, 'custom_id'],
    ['a button without a custom_id', { content: 'c', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'l' }] }] }, 'custom_id'],
    ['a label over 80', { content: 'c', components: [{ type: 1, components: [{ ...button('a'), label: x(81) }] }] }, 'label'],
    ['a custom_id twice', { content: 'c', components: [row('same'), row('same')] }, 'COMPONENT_CUSTOM_ID_DUPLICATED'],
    ['a button outside an action row', { content: 'c', components: [button('a')] }, 'UNION_TYPE_CHOICES'],
  ])('given %s, returns Discord-style errors', (_what, body, key) => {
    expect(JSON.stringify(formErrors(body))).toContain(key);
  });

  it('given a body at every limit, returns null', () => {
    expect(formErrors({ content: x(2000), embeds: [{ title: x(256), description: x(3000), fields: [{ name: 'n', value: x(1024) }], footer: { text: x(1000) } }] })).toBeNull();
    const full = Array.from({ length: 5 }, (_, r) => ({ type: 1, components: Array.from({ length: 5 }, (_, b) => ({ ...button(`${r}-${b}-${x(96)}`), label: x(80) })) }));
    expect(formErrors({ content: 'c', embeds: [{ title: 't', thumbnail: { url: 'https://cdn.example/a.jpg' } }], components: full })).toBeNull();
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

describe('embed urls (#12 item 6)', () => {
  const odd = 'https://news.example/a|b/[1]^x?q={y}&p=50%#frag|z';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the fake refuses an embed url that is not a valid URI, as Discord does', () => {
    expect(JSON.stringify(formErrors({ embeds: [{ title: 't', url: odd }] }))).toContain('URL_TYPE_INVALID_URL');
    expect(formErrors({ embeds: [{ title: 't', url: 'https://news.example/a%7Cb' }] })).toBeNull();
  });

  it('a story whose link holds | [ ] ^ { } and a stray % is rendered with an encoded url the fake accepts', async () => {
    const digest = sampleDigest([sampleStory(1, { sources: [{ name: 'Odd', url: odd, title: 'Odd' }] })]);
    const bodies = renderDiscord(digest, { timeZone: 'UTC' });
    const url = bodies.flatMap((b) => b.embeds).find((e) => e.url)?.url;
    expect(url).toBe('https://news.example/a%7Cb/%5B1%5D%5Ex?q=%7By%7D&p=50%25#frag%7Cz');
    for (const body of bodies) await h.bot.sender.send('300000000000000001', body);
    expect(h.fake.requests.filter((r) => r.status === 400)).toEqual([]);
  });
});
