/**
 * The stored form of an article's analysis, packed: one base64 string instead of hundreds of JSON
 * strings and numbers. Terms are kept as their 32-bit hashes (the MinHash base hash, so clustering
 * sees the same values), summary candidates as offsets into the article's text. A chunk of 1,000
 * stored articles then parses into a few thousand strings rather than half a million objects, and
 * is much smaller on disk. The analysis is unpacked only where a story is built from it.
 */
import type { ArticleAnalysis, LegacyAnalysis } from '../model.js';
import { hash32 } from './minhash.js';

/** A summary candidate as stories use it: the sentence, its position, score and term indices. */
export interface Candidate {
  /** Position among the article's sentences (0-based). */
  i: number;
  /** The sentence, trimmed. */
  s: string;
  /** Score scaled 0…1 within the article. */
  n: number;
  /** Its content terms, as indices into {@link Analysis.terms}. */
  t: number[];
  /** Its names and numbers, as indices into {@link Analysis.terms}. */
  k: number[];
}

/** An analysis unpacked: what clustering and story summaries read. */
export interface Analysis {
  /** The cleaned headline. */
  h: string;
  /** Hashes of the article's terms: the distinct content terms of the body first (`nb` of them), then the others. */
  terms: Uint32Array;
  nb: number;
  /** Content terms of the cleaned headline, as indices into `terms`. */
  title: number[];
  /** Names and numbers of the lead. */
  keys: number[];
  /** Content terms of the lead. */
  lead: number[];
  /** Terms of the title and the first 600 characters. */
  support: number[];
  /** The best summary candidates, best first. */
  cands: Candidate[];
  /** Index of the lede in `cands`, or -1. */
  lede: number;
}

/** A candidate before packing: its sentence is found in the text by offset when it can be. */
export interface PackCandidate extends Candidate {
  /** Offset of the sentence in the analysed text, or -1 to store the sentence itself. */
  o: number;
}

class Writer {
  private buf = new Uint8Array(2048);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  uint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.len, v, true);
    this.len += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
  }
  list(xs: readonly number[]): void {
    this.uint(xs.length);
    for (const x of xs) this.uint(x);
  }
  text(s: string): void {
    const bytes = new TextEncoder().encode(s);
    this.uint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
  base64(): string {
    return Buffer.from(this.buf.buffer, 0, this.len).toString('base64');
  }
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new RangeError('packed analysis ends early');
  }
  uint(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const b = this.bytes[this.pos++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    throw new RangeError('packed analysis holds a bad number');
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  list(max: number): number[] {
    const n = this.uint();
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const x = this.uint();
      if (x >= max) throw new RangeError('packed analysis refers to a term it does not have');
      out.push(x);
    }
    return out;
  }
  text(): string {
    const n = this.uint();
    this.need(n);
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  get done(): boolean {
    return this.pos === this.bytes.length;
  }
}

/**
 * A copy of a slice that does not hold on to the string it was cut from: a sentence that becomes a
 * story's summary line would otherwise keep its whole article in memory for as long as the story.
 */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** Packs an analysis (its candidates' offsets point into the analysed text). */
export function packAnalysis(version: number, a: Omit<Analysis, 'cands'> & { cands: PackCandidate[] }): ArticleAnalysis {
  const w = new Writer();
  w.uint(a.terms.length);
  w.uint(a.nb);
  for (const h of a.terms) w.u32(h);
  for (const list of [a.title, a.keys, a.lead, a.support]) w.list(list);
  w.uint(a.cands.length);
  for (const c of a.cands) {
    w.uint(c.i);
    w.uint(c.o + 1);
    if (c.o < 0) w.text(c.s);
    else w.uint(c.s.length);
    w.f64(c.n);
    w.list(c.t);
    w.list(c.k);
  }
  w.uint(a.lede + 1);
  return { v: version, h: a.h, p: w.base64() };
}

/**
 * Unpacks a stored analysis against the text it was made from. Throws RangeError when the packed
 * form is damaged or does not fit the text (the caller analyses the article again).
 */
export function unpackAnalysis(an: ArticleAnalysis, text: string): Analysis {
  const r = new Reader(Buffer.from(an.p, 'base64'));
  const count = r.uint();
  const nb = r.uint();
  if (nb > count) throw new RangeError('packed analysis has more body terms than terms');
  const terms = new Uint32Array(count);
  for (let k = 0; k < count; k++) terms[k] = r.u32();
  const [title, keys, lead, support] = [r.list(count), r.list(count), r.list(count), r.list(count)] as [number[], number[], number[], number[]];
  const cands: Candidate[] = [];
  for (let c = r.uint(); c > 0; c--) {
    const i = r.uint();
    const o = r.uint() - 1;
    let s: string;
    if (o < 0) s = r.text();
    else {
      const len = r.uint();
      if (o + len > text.length) throw new RangeError('packed analysis points past the text');
      s = flat(text.slice(o, o + len));
    }
    cands.push({ i, s, n: r.f64(), t: r.list(count), k: r.list(count) });
  }
  const lede = r.uint() - 1;
  if (lede >= cands.length || !r.done) throw new RangeError('packed analysis is damaged');
  return { h: an.h, terms, nb, title, keys, lead, support, cands, lede };
}

/** An analysis of the previous format (terms as strings), as the current one: the same terms, hashed. */
export function fromLegacy(an: LegacyAnalysis): Analysis {
  return { h: an.h, terms: Uint32Array.from(an.terms, hash32), nb: an.nb, title: an.title, keys: an.keys, lead: an.lead, support: an.support, cands: an.cands, lede: an.lede };
}
