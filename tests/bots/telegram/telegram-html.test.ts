import { describe, expect, it } from 'vitest';
import { checkMessageText, parseTelegramHtml } from '../../fakes/telegram/telegram-html.js';

describe("the fake's Telegram HTML parser", () => {
  it('given supported tags and entities, returns the visible text', () => {
    expect(parseTelegramHtml('<b>A &amp; B</b> <a href="https://x.test/?a=1&amp;b=2">link</a> &lt;3 &#x1F600;'))
      .toEqual({ ok: true, text: 'A & B link <3 😀' });
  });

  it.each([
    ['<p>hi</p>', 'Unsupported start tag "p" at byte offset 0'],
    ['é <b>x', "Can't find end tag corresponding to start tag b"],
    ['x </b>', 'Unexpected end tag at byte offset 2'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['a <b', 'Unclosed start tag at byte offset 2'],
    ['Q&A', 'unescaped "&" at byte offset 1; write &amp;'],
  ])('given %j, refuses with Telegram\'s description', (html, why) => {
    expect(parseTelegramHtml(html)).toEqual({ ok: false, description: `Bad Request: can't parse entities: ${why}` });
  });

  it('given 4,096 visible UTF-16 units, accepts; 4,097, refuses as too long', () => {
    expect(checkMessageText(`<b>${'a'.repeat(4096)}</b>`, 'HTML')).toBeNull();
    expect(checkMessageText(`${'😀'.repeat(2048)}a`, 'HTML')).toBe('Bad Request: message is too long');
  });

  it('given empty text or only tags, refuses as empty', () => {
    expect(checkMessageText('', 'HTML')).toBe('Bad Request: message text is empty');
    expect(checkMessageText('<b> </b>', 'HTML')).toBe('Bad Request: message text is empty');
  });
});
