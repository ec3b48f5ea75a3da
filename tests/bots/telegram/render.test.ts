import { describe, expect, it } from 'vitest';
import { escapeHtml, renderTelegram, renderTelegramMessages, renderTelegramText, TELEGRAM_LIMIT } from '../../../src/bots/telegram/render.js';
import { checkTelegramHtml } from '../../fuzz/render-validators.js';
import { sampleDigest, sampleStory } from '../../digest/render/sample-digest.js';

describe('escapeHtml', () => {
  it('given <, >, & and ", returns entities', () => {
    expect(escapeHtml('<b> & "x"')).toBe('&lt;b&gt; &amp; &quot;x&quot;');
  });
});

describe('renderTelegramMessages', () => {
  it('given two stories, returns one message with bold titles, escaped text and source links', () => {
    const d = sampleDigest([sampleStory(1, { title: 'Fish & <chips> tax' }), sampleStory(2)]);
    const [m, ...rest] = renderTelegramMessages(d, { timeZone: 'UTC' });
    expect(rest).toEqual([]);
    expect(m!.html).toContain('<b>News digest</b>');
    expect(m!.html).toContain('<b>1. Fish &amp; &lt;chips&gt; tax</b>');
    expect(m!.html).toContain('<a href="https://harbour.example/1">Harbour Gazette</a>');
    expect(m!.previewUrl).toBe('https://harbour.example/1');
    expect(checkTelegramHtml(m!.html).errors).toEqual([]);
  });

  it('given a URL with quotes and ampersands, escapes it inside href', () => {
    const d = sampleDigest([sampleStory(1, { sources: [{ name: 'X', url: 'https://x.example/?a=1&b="2"', title: 't' }] })]);
    const html = renderTelegram(d)[0]!;
    expect(html).toContain('href="https://x.example/?a=1&amp;b=%222%22"');
    expect(checkTelegramHtml(html).errors).toEqual([]);
  });

  it('given a javascript: URL, shows the source name without a link and no preview', () => {
    const d = sampleDigest([sampleStory(1, { sources: [{ name: 'Evil', url: 'javascript:alert(1)', title: 't' }] })]);
    const [m] = renderTelegramMessages(d);
    expect(m!.html).not.toContain('<a ');
    expect(m!.previewUrl).toBeNull();
  });

  it('given stories too long for one message, splits between stories and keeps them all in order', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence ${i} of this story has quite a few words in it to take up room.`);
    const d = sampleDigest(Array.from({ length: 20 }, (_, i) => sampleStory(i + 1, { summary: long })));
    const messages = renderTelegramMessages(d);
    expect(messages.length).toBeGreaterThan(1);
    const visible = messages.map((m) => checkTelegramHtml(m.html));
    for (const v of visible) {
      expect(v.errors).toEqual([]);
      expect(v.visible.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    }
    const all = visible.map((v) => v.visible).join('\n');
    for (let i = 1; i <= 20; i++) expect(all).toContain(`${i}. Story number ${i} headline`);
    // Each message after the first starts with a story title, not in the middle of one.
    for (const m of messages.slice(1)) expect(m.html).toMatch(/^(?:<a href="[^"]+">)?<b>\d+\. /);
  });

  it('given one story longer than the limit, truncates it at a word with "…" inside one message', () => {
    const d = sampleDigest([sampleStory(1, { summary: ['word '.repeat(5000).trim() + '.'] })]);
    const messages = renderTelegramMessages(d);
    expect(messages).toHaveLength(1);
    const { errors, visible } = checkTelegramHtml(messages[0]!.html);
    expect(errors).toEqual([]);
    expect(visible.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(visible).toMatch(/word…/);
    expect(visible).toContain('Harbour Gazette');
  });

  it('given an empty digest, returns the friendly empty text as one message without preview', () => {
    const messages = renderTelegramMessages(sampleDigest([]), { timeZone: 'UTC' });
    expect(messages).toEqual([{ html: 'No new stories since Fri 27 Nov, 08:00 UTC.', previewUrl: null }]);
    expect(renderTelegram(sampleDigest([]), { emptyText: 'Nothing <new>' })).toEqual(['Nothing &lt;new&gt;']);
  });

  it('counts visible length in UTF-16 units: astral emoji count twice', () => {
    const d = sampleDigest([sampleStory(1, { summary: ['😀'.repeat(3000)] })]);
    const { visible } = checkTelegramHtml(renderTelegram(d)[0]!);
    expect(visible.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(visible).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('renderTelegramText', () => {
  it('given a title and lines, returns one escaped message with the title in bold', () => {
    expect(renderTelegramText('Feeds <2>', ['a & b', 'c'])).toEqual(['<b>Feeds &lt;2&gt;</b>\na &amp; b\nc']);
  });

  it('given more than 4,096 characters of lines, splits at line boundaries', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const messages = renderTelegramText(undefined, lines);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(checkTelegramHtml(m).visible.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(messages.join('\n').split('\n')).toEqual(lines);
  });
});

describe('renderTelegramMessages: the top story as a photo', () => {
  it('given a top story with a picture, the first message is the photo, its caption the heading and that story only, within 1,024', () => {
    const long = 'A sentence about the harbour plan that goes on for a while. '.repeat(60);
    const d = sampleDigest([sampleStory(1, { image: 'https://cdn.example/p.jpg', summary: [long] }), sampleStory(2), sampleStory(3)], ['harbour '.repeat(70)]);
    const [photo, rest, ...more] = renderTelegramMessages(d, { timeZone: 'UTC' });
    expect(more).toEqual([]);
    expect(photo!.photo).toBe('https://cdn.example/p.jpg');
    expect(checkTelegramHtml(photo!.html).visible.length).toBeLessThanOrEqual(1024);
    expect(photo!.html).toContain('<b>1. ');
    expect(photo!.html).not.toContain('2. ');
    expect(checkTelegramHtml(photo!.html).errors).toEqual([]);
    expect(rest!.photo).toBeUndefined();
    expect(rest!.html).toMatch(/^<a href="[^"]+"><b>2\. /);
  });

  it('given no picture, a picture that is not http(s), or a later page, sends no photo', () => {
    expect(renderTelegramMessages(sampleDigest([sampleStory(1), sampleStory(2)]))[0]!.photo).toBeUndefined();
    expect(renderTelegramMessages(sampleDigest([sampleStory(1, { image: 'javascript:alert(1)' })]))[0]!.photo).toBeUndefined();
    expect(renderTelegramMessages(sampleDigest([sampleStory(1, { image: 'https://cdn.example/p.jpg' })]), { firstNumber: 6 })[0]!.photo).toBeUndefined();
  });

  it('puts each story\'s buttons under the message showing it and More stories under the last', () => {
    const d = sampleDigest([sampleStory(1, { id: 's1', image: 'https://cdn.example/p.jpg' }), sampleStory(2, { id: 's2' })]);
    const b = (label: string) => ({ label, data: label.toLowerCase() });
    const buttons = { stories: { s1: [b('Summary'), b('Sources')], s2: [b('Summary2'), b('Sources2')] }, more: b('More stories') };
    const [photo, rest] = renderTelegramMessages(d, { buttons, firstNumber: 1 });
    expect(photo!.buttons).toEqual([[{ label: '1. Summary', data: 'summary' }, { label: '1. Sources', data: 'sources' }]]);
    expect(rest!.buttons?.map((r) => r.map((x) => x.label))).toEqual([['2. Summary2', '2. Sources2'], ['More stories']]);
  });
});
