import { describe, expect, it } from 'vitest';
import { decodeText, sniffBinary } from '../../src/ingest/decode.js';

describe('decodeText', () => {
  it('decodes UTF-8 and drops the BOM', () => {
    expect(decodeText(Buffer.from('\ufeffCafé “quoted”', 'utf8'))).toBe('Café “quoted”');
  });
  it('replaces a stray invalid byte instead of throwing', () => {
    const bytes = Buffer.concat([Buffer.from('a'.repeat(200)), Buffer.from([0xc3]), Buffer.from(' ok')]);
    expect(decodeText(bytes)).toContain('\ufffd ok');
  });
  it('reads a mostly non-UTF-8 file as windows-1252', () => {
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]))).toBe('Café “q”');
  });
  it('honours a UTF-16 BOM', () => {
    expect(decodeText(Buffer.from('\ufeffhi', 'utf16le'))).toBe('hi');
  });
});

describe('sniffBinary', () => {
  it('flags NUL bytes and control noise, not text', () => {
    expect(sniffBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
    expect(sniffBinary(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65))))).toBe(true);
    expect(sniffBinary(Buffer.from('plain text\nwith lines\r\n\ttabs'))).toBe(false);
  });
});
