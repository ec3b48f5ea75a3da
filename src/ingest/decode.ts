/**
 * Bytes → text, one path for everything read: fetched pages and feeds, page files and feed files.
 * Decoding itself is iconv-lite's (WHATWG encodings plus IBM/DOS code pages, Mac encodings,
 * UTF-16/UTF-32); this module only decides which encoding: a byte-order mark, then the declared
 * charset (HTTP header), then the byte pattern of UTF-16/UTF-32 without a BOM, then the
 * document's own declaration (XML prolog, HTML meta), then UTF-8, else windows-1252. Clear
 * mojibake is repaired afterwards. Invalid bytes never throw: they become U+FFFD.
 */
import iconv from 'iconv-lite';
import { repairMojibake } from './decode-mojibake.js';

/** Labels that mean windows-1252 on the web (WHATWG Encoding): real ISO-8859-1 text never uses 0x80–0x9F as controls. */
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'cp819', 'ibm819', 'iso-ir-100', 'csisolatin1', 'iso_8859-1:1987']);

type Wide = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The iconv-lite name for a charset label, or null when unknown ("x-mac-roman" → "macroman"). */
export function encodingFor(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (CP1252_LABELS.has(l)) return 'windows-1252';
  for (const candidate of [l, l.replace(/^x-/, ''), l.replace(/^x-mac-/, 'mac'), l.replace(/^(ibm|cp)-?0*/, 'cp')]) {
    if (candidate && iconv.encodingExists(candidate)) return candidate;
  }
  return null;
}

function bomOf(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 or UTF-32 without a BOM, from the zero bytes (XML 1.0 Appendix F's patterns for `<?`,
 * then zero-byte positions over the first KB); null for 8-bit text.
 */
export function wideEncoding(b: Uint8Array): Wide | null {
  const n = Math.min(b.length, 1024) & ~3;
  if (n < 4) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros[i & 3]!++;
  const z = zeros.map((c) => c / (n / 4)) as [number, number, number, number];
  if (z[1] > 0.9 && z[2] > 0.9 && z[3] > 0.9 && z[0] < 0.5) return 'utf-32le';
  if (z[0] > 0.9 && z[1] > 0.9 && z[2] > 0.9 && z[3] < 0.5) return 'utf-32be';
  const odd = (z[1] + z[3]) / 2;
  const even = (z[0] + z[2]) / 2;
  if (odd > 0.3 && even < 0.02) return 'utf-16le';
  if (even > 0.3 && odd < 0.02) return 'utf-16be';
  return null;
}

/** The charset a document declares for itself: `<?xml … encoding="…"?>` or an HTML `<meta>` (in the first KB). */
function declaredInDocument(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 1024)).toString('latin1').replace(/\0/g, '');
  return (
    /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    null
  );
}

/**
 * True when undeclared bytes are not UTF-8: over 1 % invalid, or any invalid sequence and no
 * valid multibyte character at all ("caf\xe9" is windows-1252). A declared UTF-8 is believed.
 */
function notUtf8(text: string): boolean {
  let bad = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) multibyte++;
  }
  return bad > 0 && (multibyte === 0 || bad / text.length > 0.01);
}

/**
 * Decodes bytes to text. `declared` is a charset from outside the document (an HTTP header);
 * a file has none. See the module comment for the order of evidence.
 */
export function decodeBytes(bytes: Uint8Array, declared: string | null = null): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomOf(buf);
  if (bom) return repairMojibake(iconv.decode(buf.subarray(bom.length), bom.encoding, { stripBOM: false }));
  // Zero bytes cannot be 8-bit text, whatever a header says.
  const wide = wideEncoding(buf);
  if (wide) return repairMojibake(iconv.decode(buf, wide, { stripBOM: false }));
  const named = encodingFor(declared) ?? encodingFor(declaredInDocument(buf));
  const encoding = named && !/^(utf-?16|utf-?32|ucs-?2|ucs-?4)/.test(named) ? named : 'utf-8';
  let text = iconv.decode(buf, encoding, { stripBOM: false });
  if (named === null && notUtf8(text)) text = iconv.decode(buf, 'windows-1252');
  return repairMojibake(text);
}

/** Bytes of a file → text (no outside charset). */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes, null);
}

/**
 * True for binary data: a NUL byte, or many control bytes, in the first 8 KB. UTF-16 and UTF-32
 * text (with or without a BOM) is not binary.
 */
export function sniffBinary(bytes: Uint8Array): boolean {
  if (bomOf(bytes) || wideEncoding(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}
