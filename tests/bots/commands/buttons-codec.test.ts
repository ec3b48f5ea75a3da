import { describe, expect, it } from 'vitest';
import { MAX_DATA_BYTES, buttonKey, decodePress, encodePress, fits, noteKey, pressMode } from '../../../src/bots/commands/buttons-codec.js';
import type { ButtonAction, ButtonSigner } from '../../../src/bots/commands/buttons-codec.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const signer: ButtonSigner = { key: buttonKey(['123:token']), ttlMs: 7 * 86_400_000 };
const CHAT = 'telegram:-1001234567890';

const ACTIONS: ButtonAction[] = [
  { kind: 'more', page: 1, topic: null },
  { kind: 'more', page: 9, topic: { text: 'klimawandel' } },
  { kind: 'more', page: 2, topic: { note: noteKey('a topic with. a dot') } },
  { kind: 'summary', story: 'aaaaaaaaaaaaaaa1' },
  { kind: 'sources', story: 'ffffffffffffffff' },
  { kind: 'latest', page: 3, size: 20 },
  { kind: 'search', page: 999, query: { text: 'tram docks' } },
  { kind: 'search', page: 0, query: { note: noteKey('a very long query of many words that never fits') } },
];

describe('button codec', () => {
  it('round-trips every action, within 64 bytes, with the issue time to the second', () => {
    for (const action of ACTIONS) {
      const data = encodePress(signer, CHAT, action, NOW);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_DATA_BYTES);
      expect(fits(data)).toBe(true);
      expect(decodePress(signer, CHAT, data, new Date(NOW.getTime() + 60_000))).toEqual({ ok: true, value: { action, issuedAt: NOW } });
    }
  });

  it('given any changed character, another chat or another key, refuses the data as forged', () => {
    const data = encodePress(signer, CHAT, { kind: 'latest', page: 1, size: 5 }, NOW);
    const flipped = data.replace('.1.', '.2.');
    expect(flipped).not.toBe(data);
    expect(decodePress(signer, CHAT, flipped, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(decodePress(signer, 'telegram:42', data, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(decodePress({ ...signer, key: buttonKey(['other']) }, CHAT, data, NOW)).toEqual({ ok: false, reason: 'forged' });
    for (const junk of ['', '.', 'x', 'l.abc', `${data}x`, data.slice(0, -1), 'q.1.2..AAAAAAAAAAAAAAAA']) expect(decodePress(signer, CHAT, junk, NOW).ok).toBe(false);
  });

  it('given a valid button older than its lifetime, refuses it as expired', () => {
    const data = encodePress(signer, CHAT, { kind: 'summary', story: 'aaaaaaaaaaaaaaa1' }, NOW);
    expect(decodePress(signer, CHAT, data, new Date(NOW.getTime() + signer.ttlMs)).ok).toBe(true);
    expect(decodePress(signer, CHAT, data, new Date(NOW.getTime() + signer.ttlMs + 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('derives the same key from the same secrets (a restart) and a random one from none', () => {
    expect(Buffer.from(buttonKey(['a', 'b']))).toEqual(Buffer.from(buttonKey(['a', 'b'])));
    expect(Buffer.from(buttonKey(['a']))).not.toEqual(Buffer.from(buttonKey(['b'])));
    expect(Buffer.from(buttonKey([]))).not.toEqual(Buffer.from(buttonKey([])));
  });

  it('tells a page turn (edits the message) from the rest (answers the presser)', () => {
    expect(pressMode(encodePress(signer, CHAT, { kind: 'latest', page: 1, size: 5 }, NOW))).toBe('update');
    expect(pressMode(encodePress(signer, CHAT, { kind: 'search', page: 1, query: { text: 'x' } }, NOW))).toBe('update');
    expect(pressMode(encodePress(signer, CHAT, { kind: 'more', page: 1, topic: null }, NOW))).toBe('private');
  });
});
