/**
 * The on-disk layout of a records file: one record per line, its key first.
 *
 *   {"schema":1,"articles":[
 *   {"id":"…","url":…},
 *   {"id":"…","url":…}
 *   ]}
 *
 * It is plain JSON (any JSON reader takes it, and a hand-written pretty file is read too), compact
 * for partitions of thousands of ~3 KB articles, and diffable. Because JSON escapes every newline
 * inside strings, a raw newline only ever separates records: the keys of a file in this layout can be
 * listed by scanning its bytes, without parsing (and allocating) every article. That keeps opening
 * a store with months of history fast; the records themselves are checked when their file is loaded.
 */
import { SCHEMA_VERSION } from './schema.js';

const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Each record's line as last written. A store's records are replaced, never changed in place, so a
 * record already written has the same line: rewriting a file of a thousand records after adding a
 * few serialises only the new ones.
 */
const LINES = new WeakMap<object, string>();

/** One record's line: its JSON with the key first. */
export function recordLine(keyName: string, record: unknown): string {
  const rec = record as Record<string, unknown>;
  // Spreading after setting the key keeps the key first whatever order the caller built the record in.
  return JSON.stringify({ [keyName]: rec[keyName], ...rec });
}

/** Pieces of a file are cut at the first line end past this many characters. */
const PIECE_CHARS = 65_536;

/** A file in the layout above from its records' lines, as pieces of about 64 KB (see FileText). */
export function fileOfLines(field: string, lines: Iterable<string>): string[] {
  const pieces: string[] = [];
  let piece = `{"schema":${SCHEMA_VERSION},${JSON.stringify(field)}:[`;
  let first = true;
  for (const line of lines) {
    piece += `${first ? '' : ','}\n${line}`;
    first = false;
    if (piece.length >= PIECE_CHARS) {
      pieces.push(piece);
      piece = '';
    }
  }
  pieces.push(`${piece}${first ? '' : '\n'}]}\n`);
  return pieces;
}

/** Serialises `{schema, [field]: records}` in the layout above. */
export function serializeRecords(field: string, keyName: string, records: readonly unknown[]): string[] {
  return fileOfLines(field, records.map((r) => {
    let line = LINES.get(r as object);
    if (line === undefined) LINES.set(r as object, (line = recordLine(keyName, r)));
    return line;
  }));
}

/**
 * The keys of a file in the layout above, by scanning its bytes; null when the file is not exactly
 * in that layout (written by hand, damaged…), and the caller must parse it in full instead.
 */
export function scanKeys(bytes: Buffer, field: string, keyName: string): string[] | null {
  const head = Buffer.from(`{"schema":${SCHEMA_VERSION},${JSON.stringify(field)}:[`);
  if (!bytes.subarray(0, head.length).equals(head)) return null;
  if (bytes.subarray(head.length).equals(Buffer.from(']}\n'))) return [];
  const tail = Buffer.from('\n]}\n');
  const end = bytes.length - tail.length;
  if (end <= head.length || !bytes.subarray(end).equals(tail)) return null;

  const prefix = Buffer.from(`{${JSON.stringify(keyName)}:"`);
  const keys: string[] = [];
  let nl = head.length; // each record line starts right after a newline
  while (nl < end) {
    if (bytes[nl] !== NL) return null;
    const keyStart = nl + 1 + prefix.length;
    if (!bytes.subarray(nl + 1, keyStart).equals(prefix)) return null;
    let q = keyStart;
    while (q < end && bytes[q] !== QUOTE) q += bytes[q] === BACKSLASH ? 2 : 1;
    if (q >= end) return null;
    try {
      keys.push(JSON.parse(bytes.toString('utf8', keyStart - 1, q + 1)) as string);
    } catch {
      return null;
    }
    const next = bytes.indexOf(NL, q);
    const last = next === end;
    // A record line ends "}," before the next record and "}" before the closing line.
    if (next < 0 || (last ? bytes[next - 1] !== 0x7d : bytes[next - 1] !== 0x2c || bytes[next - 2] !== 0x7d)) return null;
    nl = next;
  }
  return keys;
}
