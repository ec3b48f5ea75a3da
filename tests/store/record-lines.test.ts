import { describe, expect, it } from 'vitest';
import { fileOfLines, scanKeys, serializeRecords as pieces } from '../../src/store/record-lines.js';

const serializeRecords = (field: string, keyName: string, records: readonly unknown[]): string => pieces(field, keyName, records).join('');

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('records file layout', () => {
  it('writes one record per line, key first, as plain JSON', () => {
    const text = serializeRecords('articles', 'id', [{ title: 'A', id: 'a1' }, { id: 'a2', title: 'B\nC' }]);
    expect(text).toBe('{"schema":1,"articles":[\n{"id":"a1","title":"A"},\n{"id":"a2","title":"B\\nC"}\n]}\n');
    expect(JSON.parse(text)).toEqual({ schema: 1, articles: [{ id: 'a1', title: 'A' }, { id: 'a2', title: 'B\nC' }] });
  });

  it('given a file in that layout, scans its keys without parsing, whatever they contain', () => {
    const keys = ['plain', 'with "quotes"', 'back\\slash', 'ünïcödé ✓', '{"id":"fake"}'];
    const text = serializeRecords('deliveries', 'key', keys.map((key) => ({ key, text: '},\n{"key":"not-a-record"' })));
    expect(scanKeys(bytes(text), 'deliveries', 'key')).toEqual(keys);
  });

  it('cuts a big file into pieces of about 64 KB at line ends, which join to the same text', () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `a${i}`, text: 'x'.repeat(1000) }));
    const cut = fileOfLines('articles', lines);
    expect(cut.length).toBeGreaterThan(3);
    expect(cut.slice(0, -1).every((p) => p.length >= 65_536 && p.length < 65_536 + 1100 && p.endsWith('}'))).toBe(true);
    expect(cut.join('')).toBe(`{"schema":1,"articles":[\n${lines.join(',\n')}\n]}\n`);
  });

  it('given an empty list, scans no keys', () => {
    expect(scanKeys(bytes(serializeRecords('articles', 'id', [])), 'articles', 'id')).toEqual([]);
  });

  it('given anything not exactly in that layout, returns null so the caller parses it in full', () => {
    const good = serializeRecords('articles', 'id', [{ id: 'a1' }, { id: 'a2' }]);
    const cases = [
      JSON.stringify({ schema: 1, articles: [{ id: 'a1' }] }, null, 2), // pretty, by hand
      good.slice(0, -3), // truncated
      good.replace('{"id":"a2"}', '{"title":"x","id":"a2"}'), // key not first
      good.replace('{"id":"a1"},', '{"id":"a1"}'), // missing comma
      good.replace('"schema":1', '"schema":2'),
      good.replace('"articles"', '"feeds"'),
      'null',
      '',
    ];
    for (const c of cases) expect({ c, keys: scanKeys(bytes(c), 'articles', 'id') }).toEqual({ c, keys: null });
  });
});
