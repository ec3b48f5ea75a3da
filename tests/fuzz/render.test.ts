import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedLength, renderDiscord, renderDiscordText } from '../../src/bots/discord/render.js';
import { sanitizeInline } from '../../src/digest/render/sanitize.js';
import { renderTelegramMessages, renderTelegramText } from '../../src/bots/telegram/render.js';
import { renderText } from '../../src/digest/render/text.js';
import { renderMarkdown } from '../../src/digest/render/markdown.js';
import { digest, hostileText, RUNS } from './render-arbitraries.js';
import { canMention, checkTelegramHtml, markdownInert } from './render-validators.js';

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL_OR_OVERRIDE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E]/;
/** True when the text holds a control, an override, or an isolate not closed on its own line. */
const BIDI_OR_CONTROL = {
  test(text: string): boolean {
    if (CONTROL_OR_OVERRIDE.test(text)) return true;
    return text.split('\n').some((line) => {
      let depth = 0;
      for (const c of line) {
        if (c === '\u2066' || c === '\u2067' || c === '\u2068') depth++;
        else if (c === '\u2069' && --depth < 0) return true;
      }
      return depth !== 0;
    });
  },
};

/** The start of a story's title as any renderer must show it (it may be truncated after that). */
const titleStart = (title: string): string => (sanitizeInline(title) || '').slice(0, 20).replace(/[\uD800-\uDBFF]$/, '');

/** Whether each needle occurs in the haystack after the previous one. */
function inOrder(haystack: string, needles: string[]): boolean {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n, from);
    if (at === -1) return false;
    from = at + n.length;
  }
  return true;
}

describe('renderTelegramMessages, given random and hostile digests', () => {
  it('returns well-formed HTML within 4,096 visible characters, one preview at most, every story in order', () => {
    fc.assert(
      fc.property(digest, (d) => {
        const messages = renderTelegramMessages(d);
        expect(messages.length).toBeGreaterThan(0);
        let all = '';
        for (const m of messages) {
          const { errors, visible } = checkTelegramHtml(m.html);
          expect(errors).toEqual([]);
          expect(BIDI_OR_CONTROL.test(visible)).toBe(false);
          if (m.previewUrl !== null) expect(m.previewUrl).toMatch(/^https?:\/\//);
          all += `${visible}\n`;
        }
        expect(inOrder(all, d.stories.map((s, k) => `${k + 1}. ${titleStart(s.title)}`))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('splits plain command replies into valid messages that keep every line', () => {
    fc.assert(
      fc.property(fc.option(hostileText, { nil: undefined }), fc.array(hostileText, { maxLength: 20 }), (title, lines) => {
        const messages = renderTelegramText(title, lines);
        for (const html of messages) expect(checkTelegramHtml(html).errors).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('renderDiscord, given random and hostile digests', () => {
  it('returns bodies within every limit, never pinging, markdown inert, every story in order', () => {
    fc.assert(
      fc.property(digest, (d) => {
        const bodies = renderDiscord(d);
        expect(bodies.length).toBeGreaterThan(0);
        const titles: string[] = [];
        for (const b of bodies) {
          expect(b.allowed_mentions).toEqual({ parse: [] });
          expect(b.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
          expect(b.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          expect((b.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
          expect(canMention(b.content ?? '')).toBe(false);
          for (const e of b.embeds) {
            expect(e.title!.length).toBeGreaterThan(0);
            expect(e.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
            expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
            if (e.description !== undefined) expect(e.description.length).toBeGreaterThan(0);
            expect(e.footer!.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
            for (const f of e.fields ?? []) {
              expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
              expect(f.value.length).toBeGreaterThan(0);
              expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
              expect(canMention(f.value)).toBe(false);
            }
            if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
            const text = `${e.title} ${e.description ?? ''}`;
            expect(canMention(text)).toBe(false);
            expect(BIDI_OR_CONTROL.test(text)).toBe(false);
            const number = /^\d+\. /.exec(e.title!)![0];
            expect(markdownInert(e.title!.slice(number.length))).toBe(true);
            expect(markdownInert(e.description ?? '')).toBe(true);
            titles.push(e.title!.slice(number.length).replace(/\\(.)/g, '$1').replace(/\u200B/g, ''));
          }
        }
        expect(titles).toHaveLength(d.stories.length);
        d.stories.forEach((s, k) => expect(titles[k]!.startsWith(titleStart(s.title).replace(/\u200B/g, '') || 'Untitled')).toBe(true));
      }),
      { numRuns: RUNS },
    );
  });

  it('splits plain command replies into inert messages of at most 2,000 characters', () => {
    fc.assert(
      fc.property(fc.option(hostileText, { nil: undefined }), fc.array(hostileText, { maxLength: 20 }), (title, lines) => {
        for (const b of renderDiscordText(title, lines)) {
          expect(b.allowed_mentions).toEqual({ parse: [] });
          expect(b.content!.length).toBeGreaterThan(0);
          expect(b.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
          expect(canMention(b.content!)).toBe(false);
          const body = title === undefined ? b.content! : b.content!.replace(/^\*\*/, '').replace(/\*\*(?=\n|$)/, '');
          expect(markdownInert(body)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('renderText and renderMarkdown, given random and hostile digests', () => {
  it('strip control and bidi characters and keep every story in order', () => {
    fc.assert(
      fc.property(digest, (d) => {
        const text = renderText(d);
        expect(BIDI_OR_CONTROL.test(text)).toBe(false);
        expect(inOrder(text, d.stories.map((s, k) => `${k + 1}. ${sanitizeInline(s.title)}`))).toBe(true);
        expect(BIDI_OR_CONTROL.test(renderMarkdown(d))).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the validators themselves', () => {
  it('given broken Telegram HTML, report it', () => {
    expect(checkTelegramHtml('<b>open').errors).not.toEqual([]);
    expect(checkTelegramHtml('a & b').errors).not.toEqual([]);
    expect(checkTelegramHtml('<script>x</script>').errors).not.toEqual([]);
    expect(checkTelegramHtml('<b><i>x</b></i>').errors).not.toEqual([]);
    expect(checkTelegramHtml('1 < 2').errors).not.toEqual([]);
    expect(checkTelegramHtml('x'.repeat(4097)).errors).not.toEqual([]);
    expect(checkTelegramHtml(`<b>${'x'.repeat(4096)}</b>`).errors).toEqual([]);
    expect(checkTelegramHtml('&lt;b&gt; &amp; <a href="https://a.example/?a=1&amp;b=2">x</a>').errors).toEqual([]);
  });

  it('given live markdown or mentions, report them', () => {
    expect(markdownInert('[x](https://e.example)')).toBe(false);
    expect(markdownInert('\\[x\\]\\(y\\)')).toBe(true);
    expect(markdownInert('\\\\*')).toBe(false);
    expect(canMention('hi @everyone')).toBe(true);
    expect(canMention('<@&123>')).toBe(true);
    expect(canMention('@\u200Beveryone <@\u200B123>')).toBe(false);
  });
});
