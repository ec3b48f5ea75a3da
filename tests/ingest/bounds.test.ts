import { describe, expect, it } from 'vitest';
import { boundedUrl, clipWords, FIELD_LIMITS } from '../../src/ingest/bounds.js';
import { capPieces, CUT_NOTE, MAX_REPLY_MESSAGES } from '../../src/digest/render/split.js';
import { renderDiscordText } from '../../src/bots/discord/render.js';
import { renderTelegramText } from '../../src/bots/telegram/render.js';

describe('field bounds', () => {
  it('given text within the bound, returns it unchanged', () => {
    expect(clipWords('Council approves tram', 30)).toBe('Council approves tram');
  });

  it('given longer text, cuts at a word boundary and ends with an ellipsis, within the bound', () => {
    const out = clipWords('Council approves the tram extension to the docks', 30);
    expect(out).toBe('Council approves the tram…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it('given one long word, cuts inside it, never splitting a surrogate pair', () => {
    const out = clipWords(`${'x'.repeat(8)}😀${'y'.repeat(20)}`, 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).toBe(`${'x'.repeat(8)}…`);
  });

  it('refuses a URL over the limit and keeps one at it', () => {
    const at = `https://a.example/${'x'.repeat(FIELD_LIMITS.url - 18)}`;
    expect(boundedUrl(at)).toBe(at);
    expect(boundedUrl(`${at}x`)).toBeNull();
  });
});

describe('replies are at most 3 messages', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'word '.repeat(30)}`);

  it('capPieces keeps the first pieces and ends the last with the note, within the size', () => {
    const out = capPieces(['a\nb', 'c\nd', `${'e'.repeat(95)}\nf`, 'g'], 3, 100);
    expect(capPieces(['a', 'b', 'c\nd', 'e'], 3, 100)[2]).toBe(`c\nd\n${CUT_NOTE}`);
    expect(out).toHaveLength(3);
    expect(out.slice(0, 2)).toEqual(['a\nb', 'c\nd']);
    expect(out[2]).toBe(CUT_NOTE);
    expect(out[2]!.length).toBeLessThanOrEqual(100);
  });

  it('given a list far longer than 3 messages, Telegram and Discord send 3, each within its limit', () => {
    const tg = renderTelegramText('Latest', lines);
    const dc = renderDiscordText('Latest', lines);
    expect(tg).toHaveLength(MAX_REPLY_MESSAGES);
    expect(dc).toHaveLength(MAX_REPLY_MESSAGES);
    expect(tg.every((m) => m.length <= 4096)).toBe(true);
    expect(dc.every((m) => (m.content ?? '').length <= 2000)).toBe(true);
    expect(tg[2]).toContain('shortened');
    expect(dc[2]!.content).toContain('shortened');
  });
});
