import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedLength, renderDiscord, renderDiscordText } from '../../../src/bots/discord/render.js';
import { escapeDiscord, neutralizeMentions } from '../../../src/bots/discord/escape.js';
import { sampleDigest, sampleStory } from '../../digest/render/sample-digest.js';
import { formErrors } from '../../fakes/discord/limits.js';

describe('escapeDiscord', () => {
  it('given mentions, inserts a zero-width space so they cannot ping', () => {
    expect(neutralizeMentions('@everyone @here <@123> <@&45> <#67>')).toBe('@\u200Beveryone @\u200Bhere <@\u200B123> <@\u200B&45> <#\u200B67>');
  });

  it('given markdown, a masked link and a heading, escapes them', () => {
    expect(escapeDiscord('# Big [click](https://evil.example) **now** `x` ||s|| > q')).toBe(
      '\\# Big \\[click\\]\\(https://evil.example\\) \\*\\*now\\*\\* \\`x\\` \\|\\|s\\|\\| \\> q',
    );
  });
});

describe('renderDiscord', () => {
  it('given two stories, returns one body: heading content, one embed per story, no mentions allowed', () => {
    const [body, ...rest] = renderDiscord(sampleDigest([sampleStory(1), sampleStory(2)]), { timeZone: 'UTC' });
    expect(rest).toEqual([]);
    expect(body!.allowed_mentions).toEqual({ parse: [] });
    expect(body!.content).toContain('**News digest**');
    expect(body!.embeds).toHaveLength(2);
    expect(body!.embeds[0]).toMatchObject({
      title: '1. Story number 1 headline',
      url: 'https://harbour.example/1',
      description: 'First fact of story 1. Second fact of story 1.',
      fields: [{ name: 'Sources', value: '[Harbour Gazette](https://harbour.example/1) · [Valley Times](https://valley.example/1)' }],
      footer: { text: '2 articles · updated Sat 28 Nov, 07:30 UTC' },
    });
  });

  it('given 23 stories, splits into messages of at most 10 embeds, keeping every story in order', () => {
    const bodies = renderDiscord(sampleDigest(Array.from({ length: 23 }, (_, i) => sampleStory(i + 1))));
    expect(bodies.map((b) => b.embeds.length)).toEqual([10, 10, 3]);
    expect(bodies.flatMap((b) => b.embeds.map((e) => e.title))).toEqual(Array.from({ length: 23 }, (_, i) => `${i + 1}. Story number ${i + 1} headline`));
    expect(bodies.slice(1).every((b) => b.content === undefined && b.allowed_mentions.parse.length === 0)).toBe(true);
  });

  it('given long stories, keeps each message within 6,000 embed characters', () => {
    const summary = Array.from({ length: 40 }, (_, i) => `Fact ${i} is told in a sentence of some length, as news copy is.`);
    const bodies = renderDiscord(sampleDigest(Array.from({ length: 6 }, (_, i) => sampleStory(i + 1, { summary }))));
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(bodies.flatMap((b) => b.embeds)).toHaveLength(6);
  });

  it('given a hostile title, escapes it and strips bidi overrides', () => {
    const [body] = renderDiscord(sampleDigest([sampleStory(1, { title: '@everyone \u202E[free](https://evil.example)' })]));
    expect(body!.embeds[0]!.title).toBe('1. @\u200Beveryone \\[free\\]\\(https://evil.example\\)');
  });

  it('given an empty digest, returns the friendly text as content with no embeds', () => {
    expect(renderDiscord(sampleDigest([]), { timeZone: 'UTC' })).toEqual([
      { content: 'No new stories since Fri 27 Nov, 08:00 UTC.', embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });
});

describe('renderDiscordText', () => {
  it('given a title and lines, returns bold title and escaped lines', () => {
    expect(renderDiscordText('Topics', ['climate_change', '@here'])).toEqual([
      { content: '**Topics**\nclimate\\_change\n@\u200Bhere', embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });

  it('given 5,000 characters, splits into messages of at most 2,000', () => {
    const bodies = renderDiscordText(undefined, Array.from({ length: 100 }, (_, i) => `line ${i} ${'y'.repeat(45)}`));
    expect(bodies.length).toBeGreaterThan(2);
    for (const b of bodies) expect(b.content!.length).toBeLessThanOrEqual(2000);
  });
});

describe('renderDiscord: buttons', () => {
  const b = (label: string, data: string) => ({ label, data });
  const withButtons = (n: number, more: boolean) => {
    const stories = Array.from({ length: n }, (_, i) => sampleStory(i + 1, { summary: ['Short.'] }));
    const buttons = { stories: Object.fromEntries(stories.map((s) => [s.id, [b('Summary', `s.${s.id}`), b('Sources', `r.${s.id}`)]])), ...(more ? { more: b('More stories', 'm.1') } : {}) };
    return { digest: sampleDigest(stories), buttons };
  };

  it('given 25 stories with buttons, every message stays within Discord\'s component limits and More stories is under the last one', () => {
    const { digest, buttons } = withButtons(25, true);
    const messages = renderDiscord(digest, { buttons });
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(formErrors(m)).toBeNull();
      expect(m.components!.length).toBeLessThanOrEqual(5);
      expect(m.components!.every((r) => r.components.length <= 5)).toBe(true);
    }
    const labels = messages.map((m) => m.components!.flatMap((r) => r.components.map((c) => c.label)));
    expect(labels.flat().filter((l) => l === 'More stories')).toHaveLength(1);
    expect(labels.at(-1)!.at(-1)).toBe('More stories');
    expect(labels[0]!.slice(0, 10)).toEqual([...Array.from({ length: 5 }, (_, i) => `Summary ${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `Summary ${i + 6}`)]);
  });

  it('numbers a later page on from firstNumber, and shows the top picture only on the first page', () => {
    const { digest, buttons } = withButtons(3, false);
    digest.stories[0]!.image = 'https://cdn.example/p.jpg';
    const [page] = renderDiscord(digest, { buttons, firstNumber: 6 });
    expect(page!.embeds.map((e) => e.title?.split(' ')[0])).toEqual(['6.', '7.', '8.']);
    expect(page!.embeds[0]!.thumbnail).toBeUndefined();
    expect(page!.components!.flatMap((r) => r.components.map((c) => c.label))).toEqual(['Summary 6', 'Summary 7', 'Summary 8', 'Sources 6', 'Sources 7', 'Sources 8']);
  });

  it('puts a text reply\'s button rows under its last message', () => {
    const bodies = renderDiscordText('Title', ['line'], [[b('◀ Previous', 'l.1'), b('Next ▶', 'l.2')]]);
    expect(bodies.at(-1)!.components).toEqual([{ type: 1, components: [{ type: 2, style: 1, label: '◀ Previous', custom_id: 'l.1' }, { type: 2, style: 1, label: 'Next ▶', custom_id: 'l.2' }] }]);
  });
});
