/**
 * Buttons on Discord end to end: the real router renders components, the real discord.js client
 * sends them to the fake (which checks Discord's component limits), and clicks come back as
 * INTERACTION_CREATE type 3 over the fake gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../fakes/discord/fake-discord.js';
import type { InteractionLog, SentBody } from '../../fakes/discord/fake-discord.js';
import { LONG_QUERY, buttonsHandler, oldButton } from '../buttons-fixture.js';
import { NOW, bodies, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const EPHEMERAL = 64;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ handler: (await buttonsHandler(NOW, { pictures: true })).handler });
});
afterAll(() => h.stop());

/** Clicks the newest button labelled `label` and waits for `answers` edits or follow-ups. */
async function click(label: RegExp, o: { answers?: number; customId?: string; unchecked?: boolean } = {}): Promise<InteractionLog> {
  const found = h.fake.messages.withButton(label);
  if (!found) throw new Error(`no button ${label}`);
  const ix = await h.fake.click({ messageId: found.message.id, customId: o.customId ?? found.customId, ...(o.unchecked ? { unchecked: true } : {}) });
  await h.fake.waitFor(() => ix.edits.length + ix.followUps.length >= (o.answers ?? 1), `the answer to ${label}`);
  return ix;
}
const labels = (body: SentBody | undefined): string[] => buttonsOf(body ?? {}).map((b) => b.label ?? '');
const titles = (body: SentBody | undefined): string[] => (body?.embeds ?? []).map((e) => e.title ?? '');
/** Message text with Discord's markdown escapes taken out. */
const text = (body: SentBody | undefined): string => (body?.content ?? '').replace(/\\(.)/g, '$1');

describe('Discord buttons', () => {
  it('/digest shows Summary and Sources per story and More stories, within Discord limits', async () => {
    const [body] = bodies(await h.run({ name: 'digest' }));
    expect(titles(body)).toHaveLength(5);
    expect(body!.components!.length).toBeLessThanOrEqual(5);
    expect(labels(body)).toEqual([...[1, 2, 3, 4, 5].map((n) => `Summary ${n}`), ...[1, 2, 3, 4, 5].map((n) => `Sources ${n}`), 'More stories']);
    for (const b of buttonsOf(body!)) expect(b.custom_id!.length).toBeLessThanOrEqual(100);
    expect(body!.embeds![0]!.thumbnail?.url).toBe('https://cdn.example/top.jpg');
    expect(h.fake.requests.filter((r) => r.status === 400)).toEqual([]);
  });

  it('More stories answers the member who clicked with the next page, ephemerally, numbered on', async () => {
    const ix = await click(/^More stories$/);
    expect(ix.callbacks[0]).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(titles(ix.edits[0]).map((t) => t.split(' ')[0])).toEqual(['6.', '7.', '8.', '9.', '10.']);
    expect(labels(ix.edits[0])).toContain('Summary 6');
    expect(h.fake.messages.get(ix.original!)!.ephemeral).toBe(true);
    const last = await click(/^More stories$/);
    expect(titles(last.edits[0]).map((t) => t.split(' ')[0])).toEqual(['11.', '12.']);
    expect(labels(last.edits[0])).not.toContain('More stories');
  });

  it('Summary and Sources answer privately with the story and its links', async () => {
    const summary = await click(/^Summary 1$/);
    expect(summary.callbacks[0]).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(text(summary.edits[0])).toMatch(/Council approves tram extension|Snow closes|Library reopens/);
    expect(text(summary.edits[0])).toContain('https://news.example/a/');
    const sources = await click(/^Sources 2$/);
    expect(text(sources.edits[0])).toMatch(/1 source · 1 article/);
  });

  it('/latest pages with Previous / Next by editing the message the button is on', async () => {
    const first = bodies(await h.run({ name: 'latest', options: [{ name: 'count', type: 4, value: 5 }] }))[0]!;
    expect(text(first)).toContain('Latest 5 articles (1/3)');
    expect(labels(first)).toEqual(['Next ▶']);
    const found = h.fake.messages.withButton(/Next/)!;
    const ix = await click(/Next/);
    expect(ix.callbacks[0]).toMatchObject({ type: 6 });
    expect(ix.original).toBe(found.message.id);
    const page = h.fake.messages.get(found.message.id)!.body;
    expect(text(page)).toContain('(2/3)');
    expect(labels(page)).toEqual(['◀ Previous', 'Next ▶']);
    await click(/Next/);
    expect(text(h.fake.messages.get(found.message.id)!.body)).toContain('Latest 2 articles (3/3)');
    await click(/Previous/);
    expect(text(h.fake.messages.get(found.message.id)!.body)).toContain('(2/3)');
  });

  it('/search with a long query pages through a stored note', async () => {
    const first = bodies(await h.run({ name: 'search', options: [{ name: 'query', type: 3, value: LONG_QUERY }] }))[0]!;
    expect(text(first)).toContain('(1/2)');
    const found = h.fake.messages.withButton(/Next/)!;
    expect(found.customId).toContain('~');
    await click(/Next/);
    expect(text(h.fake.messages.get(found.message.id)!.body)).toContain('(2/2)');
  });

  it('refuses a changed button and an expired one with a short ephemeral answer, leaving the page as it was', async () => {
    await h.run({ name: 'latest', options: [{ name: 'count', type: 4, value: 5 }] });
    const found = h.fake.messages.withButton(/Next/)!;
    const before = found.message.body.content;
    const forged = await click(/Next/, { customId: found.customId.replace('.5.', '.6.'), unchecked: true });
    expect(forged.followUps[0]).toMatchObject({ content: 'This button is not valid.', flags: EPHEMERAL });
    const chat = `discord:${h.fake.ids.channelId}`;
    const expired = await click(/Next/, { customId: oldButton(chat, { kind: 'latest', page: 1, size: 5 }, NOW, 8), unchecked: true });
    expect(expired.followUps[0]!.content).toContain('This button has expired');
    const summary = await click(/Next/, { customId: oldButton(chat, { kind: 'summary', story: 'aaaaaaaaaaaaaaaa' }, NOW, 30), unchecked: true });
    expect(summary.edits[0]!.content).toContain('This button has expired');
    expect(h.fake.messages.get(found.message.id)!.body.content).toBe(before);
  });
});
