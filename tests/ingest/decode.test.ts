import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeText, encodingFor, sniffBinary, wideEncoding } from '../../src/ingest/decode.js';
import { repairMojibake } from '../../src/ingest/decode-mojibake.js';

const feed = (encoding: string | null, body: string): string =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${body}</title></channel></rss>`;

describe('decodeText', () => {
  it('decodes UTF-8 and drops the BOM', () => {
    expect(decodeText(Buffer.from('\ufeffCafé “quoted”', 'utf8'))).toBe('Café “quoted”');
  });
  it('replaces a stray invalid byte in UTF-8 text instead of throwing', () => {
    const bytes = Buffer.concat([Buffer.from(`${'a'.repeat(200)} é`), Buffer.from([0xc3]), Buffer.from(' ok')]);
    expect(decodeText(bytes)).toContain('\ufffd ok');
  });
  it('reads a non-UTF-8 file as windows-1252, even with a single high byte in ASCII text', () => {
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]))).toBe('Café “q”');
    expect(decodeText(Buffer.concat([Buffer.from('a'.repeat(500)), Buffer.from([0xe9])]))).toBe(`${'a'.repeat(500)}é`);
  });
  it('honours UTF-16 and UTF-32 byte-order marks', () => {
    expect(decodeText(Buffer.from('\ufeffhi', 'utf16le'))).toBe('hi');
    expect(decodeText(iconv.encode('\ufeffhé', 'utf-16be'))).toBe('hé');
    expect(decodeText(iconv.encode('héllo', 'utf-32le', { addBOM: true }))).toBe('héllo');
    expect(decodeText(iconv.encode('héllo', 'utf-32be', { addBOM: true }))).toBe('héllo');
  });
});

describe('decodeBytes: encodings beyond the WHATWG labels', () => {
  it.each([
    ['IBM850', 'Ça coûte 10 €? Non: 9½ — naïve'.replace('€', 'E').replace('—', '-')],
    ['cp437', 'Größe ½ ░ café'],
    ['ibm866', 'Привет, мир'],
    ['macintosh', 'Café “Mac” — ƒ'],
    ['x-mac-roman', 'Crème brûlée'],
    ['x-mac-cyrillic', 'Здравствуйте'],
    ['koi8-r', 'Новости дня'],
    ['iso-8859-15', 'Prix: 5 €'],
    ['windows-1251', 'Москва'],
    ['shift_jis', '日本のニュース'],
  ])('reads a feed declaring %s in its XML prolog', (label, text) => {
    const bytes = iconv.encode(feed(label, text), encodingFor(label)!);
    expect(decodeBytes(bytes)).toBe(feed(label, text));
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'] as const)('reads %s without a BOM from its byte pattern', (enc) => {
    const xml = feed(enc.startsWith('utf-16') ? 'UTF-16' : 'UTF-32', 'Ünïcödé Новости 日本');
    const bytes = iconv.encode(xml, enc, { addBOM: false });
    expect(wideEncoding(bytes)).toBe(enc);
    expect(sniffBinary(bytes)).toBe(false);
    expect(decodeBytes(bytes)).toBe(xml);
    // A JSON Feed has no XML prolog: the zero bytes still tell.
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Ça' });
    expect(decodeBytes(iconv.encode(json, enc, { addBOM: false }))).toBe(json);
  });

  it('lets the header charset win over the document, and the BOM over both', () => {
    const bytes = iconv.encode(feed('utf-8', 'Привет'), 'koi8-r');
    expect(decodeBytes(bytes, 'koi8-r')).toContain('Привет');
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')]), 'iso-8859-1')).toBe('héllo');
  });

  it('maps ISO-8859-1 and ASCII labels to windows-1252, as browsers do, and ignores unknown labels', () => {
    expect(decodeBytes(Buffer.from([0x93, 0x71, 0x94]), 'iso-8859-1')).toBe('“q”');
    expect(decodeBytes(Buffer.from('ok é'), 'x-made-up')).toBe('ok é');
    expect(encodingFor('x-mac-roman')).not.toBeNull();
    expect(repairMojibake('Ä“diens')).toBe('ēdiens');
    expect(encodingFor('IBM-850')).not.toBeNull();
    expect(encodingFor('made-up')).toBeNull();
  });
});

describe('mojibake repair', () => {
  it('repairs UTF-8 read as windows-1252', () => {
    expect(repairMojibake('Itâ€™s â€œquotedâ€\u009d â€” cafÃ© dÃ©jÃ\u00a0 vu, GrÃ¶ÃŸe, SeÃ±or')).toBe('It’s “quoted” — café déjà vu, Größe, Señor');
    expect(repairMojibake('ÐŸÑ€Ð¸Ð²ÐµÑ‚ and æ—¥æœ¬ and ðŸ˜€')).toBe('Привет and 日本 and 😀');
  });
  it('repairs a feed whose UTF-8 bytes were declared ISO-8859-1', () => {
    const bytes = Buffer.from(feed('ISO-8859-1', 'It’s café time'), 'utf8');
    expect(decodeBytes(bytes)).toBe(feed('ISO-8859-1', 'It’s café time'));
  });
  it('leaves real Latin-1 text alone', () => {
    const real = ['„Groß“ sagte er.', '¿QUÉ…? ¡Sí!', 'Ñandú «Nº 5»', 'naïve café — déjà vu', 'ÖL”, Å”, Ä“', 'IRMÃ e MAÇÃ', 'Ãx', 'À la carte ©'];
    for (const t of real) expect(repairMojibake(t)).toBe(t);
    for (const t of real) expect(decodeBytes(iconv.encode(t, 'windows-1252'))).toBe(t);
  });
});

describe('sniffBinary', () => {
  it('flags NUL bytes and control noise, not text', () => {
    expect(sniffBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
    expect(sniffBinary(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65))))).toBe(true);
    expect(sniffBinary(Buffer.from('plain text\nwith lines\r\n\ttabs'))).toBe(false);
  });
});
