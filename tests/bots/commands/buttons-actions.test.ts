/** Buttons through the real router: the data it signs, and what a press of each one answers. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import { buttonKey, encodePress } from '../../../src/bots/commands/buttons-codec.js';
import type { ButtonSigner } from '../../../src/bots/commands/buttons-codec.js';
import type { Button, CommandHandler, CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { withStories } from '../../../src/stories/story-keeper.js';
import type { Store } from '../../../src/store/store.js';
import { silentLogger } from '../../../src/log.js';
import { newsArticles } from './news-fixture.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const signer: ButtonSigner = { key: buttonKey(['test-secret']), ttlMs: 86_400_000 };

function request(command: string, args: string[] = [], over: Partial<CommandRequest> = {}): CommandRequest {
  return { platform: 'telegram', chatId: '-100', scope: '-100', chatType: 'group', userId: 'u1', isAdmin: false, command, args, now: NOW, ...over };
}
const press = (button: Button | undefined, over: Partial<CommandRequest> = {}): CommandRequest => request('button', [], { press: button?.data ?? '', ...over });

function lines(reply: Reply): string[] {
  if (reply.kind === 'text') return [reply.title ?? '', ...reply.lines];
  if (reply.kind === 'error') return [reply.text];
  return [];
}
const buttonsOf = (reply: Reply): Button[] => (reply.kind === 'text' ? (reply.buttons ?? []).flat() : []);
const labelled = (reply: Reply, label: RegExp): Button | undefined => buttonsOf(reply).find((b) => label.test(b.label));

describe('buttons through the router', () => {
  let store: Store;
  let handle: CommandHandler;

  beforeEach(async () => {
    store = withStories(createMemoryStore(), { now: () => NOW });
    await store.addArticles(newsArticles(NOW, 12));
    handle = createCommandHandler({
      store, config: { timezone: 'UTC', maxStories: 5, maxWindowHours: 24, retentionDays: 30 },
      readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
      nextRun: () => null, log: silentLogger, expensivePerMinute: 100, buttons: signer,
    });
  });

  it('/digest carries Summary and Sources per story and More stories; More shows the next page privately, numbered on', async () => {
    const first = await handle(request('digest'));
    if (first.kind !== 'digest') throw new Error(first.kind);
    expect(first.digest.stories).toHaveLength(5);
    expect(Object.keys(first.buttons?.stories ?? {})).toEqual(first.digest.stories.map((s) => s.id));
    for (const b of Object.values(first.buttons!.stories).flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    const second = await handle(press(first.buttons?.more));
    if (second.kind !== 'digest') throw new Error(JSON.stringify(second));
    expect(second).toMatchObject({ private: true, firstNumber: 6 });
    expect(second.digest.stories).toHaveLength(5);
    const seen = new Set(first.digest.stories.map((s) => s.id));
    expect(second.digest.stories.filter((s) => seen.has(s.id))).toEqual([]);
    const third = await handle(press(second.kind === 'digest' ? second.buttons?.more : undefined));
    if (third.kind !== 'digest') throw new Error(JSON.stringify(third));
    expect(third.firstNumber).toBe(11);
    expect(third.digest.stories).toHaveLength(2);
    expect(third.buttons?.more).toBeUndefined();
  });

  it('Summary answers the story in a few sentences with its link; Sources lists every source, both privately', async () => {
    const digest = await handle(request('digest'));
    if (digest.kind !== 'digest') throw new Error(digest.kind);
    const story = digest.digest.stories[0]!;
    const [summaryButton, sourcesButton] = digest.buttons!.stories[story.id]!;
    const summary = await handle(press(summaryButton));
    expect(summary).toMatchObject({ kind: 'text', title: story.title, private: true });
    expect(lines(summary).join('\n')).toContain(story.sources[0]!.url!);
    const sources = await handle(press(sourcesButton));
    expect(sources).toMatchObject({ kind: 'text', private: true });
    expect(lines(sources).join('\n')).toMatch(/1 source · 1 article/);
  });

  it('/latest pages with Previous / Next, each turn replacing the page, from the list as it stood', async () => {
    const first = await handle(request('latest', ['5']));
    expect(lines(first)[0]).toBe('Latest 5 articles (1/3)');
    expect(buttonsOf(first).map((b) => b.label)).toEqual(['Next ▶']);
    await store.addArticles(newsArticles(new Date(NOW.getTime() + 2 * 3_600_000), 1, 'b')); // published after the list was taken
    const second = await handle(press(labelled(first, /Next/), { now: new Date(NOW.getTime() + 120_000) }));
    expect(second).toMatchObject({ kind: 'text', replace: true });
    expect(lines(second)[0]).toBe('Latest 5 articles (2/3)');
    expect(buttonsOf(second).map((b) => b.label)).toEqual(['◀ Previous', 'Next ▶']);
    const third = await handle(press(labelled(second, /Next/)));
    expect(lines(third)[0]).toBe('Latest 2 articles (3/3)');
    expect(buttonsOf(third).map((b) => b.label)).toEqual(['◀ Previous']);
    expect(lines(await handle(press(labelled(third, /Previous/))))).toEqual(lines(second));
  });

  it('/search with a query too long for a button keeps it as a note, and its pages still turn', async () => {
    const query = 'officials confirmed friday residents expected weeks';
    const first = await handle(request('search', query.split(' ')));
    expect(lines(first)[0]).toMatch(/^12 results for “officials confirmed friday .*” \(1\/2\)$/);
    const next = labelled(first, /Next/)!;
    expect(next.data).toContain('~');
    const second = await handle(press(next));
    expect(lines(second)[0]).toMatch(/\(2\/2\)$/);
    expect(lines(second)).toHaveLength(1 + 4);
  });

  it('refuses a changed button as not valid, a button of another chat too, and an old one as expired', async () => {
    const first = await handle(request('latest', ['5']));
    const next = labelled(first, /Next/)!;
    const forged = { label: 'x', data: next.data.replace(/\.5\./, '.9.') };
    expect(await handle(press(forged))).toEqual({ kind: 'error', text: 'This button is not valid.', private: true });
    expect(await handle(press(next, { chatId: '-200' }))).toMatchObject({ text: 'This button is not valid.' });
    const later = new Date(NOW.getTime() + signer.ttlMs + 1000);
    expect(await handle(press(next, { now: later }))).toEqual({ kind: 'error', text: 'This button has expired; send the command again.', private: true });
    const gone = encodePress(signer, 'telegram:-100', { kind: 'summary', story: '0000000000000000' }, NOW);
    expect(await handle(press({ label: 'x', data: gone }))).toMatchObject({ text: 'That story is no longer stored.' });
  });

  it('answers in the chat language', async () => {
    const first = await handle(request('latest', ['5'], { locale: 'de' }));
    expect(buttonsOf(first).map((b) => b.label)).toEqual(['Weiter ▶']);
    const old = await handle(press(labelled(first, /Weiter/), { locale: 'de', now: new Date(NOW.getTime() + 2 * signer.ttlMs) }));
    expect(lines(old)).toEqual(['Diese Schaltfläche ist abgelaufen; sende den Befehl erneut.']);
  });

  it('without a signer, answers carry no buttons and a press is refused', async () => {
    const plain = createCommandHandler({
      store, config: { timezone: 'UTC', maxStories: 5, maxWindowHours: 24, retentionDays: 30 },
      readUrl: () => Promise.reject(new Error('no network')), fetcher: () => Promise.reject(new Error('no network')),
      nextRun: () => null, log: silentLogger,
    });
    expect(buttonsOf(await plain(request('latest', ['5'])))).toEqual([]);
    const digest = await plain(request('digest'));
    expect(digest.kind === 'digest' && digest.buttons).toBeFalsy();
    expect(await plain(press({ label: 'x', data: 'l.1.1.5.AAAAAAAAAAAAAAAA' }))).toMatchObject({ kind: 'error', private: true });
  });
});
