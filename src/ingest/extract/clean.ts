/**
 * Text-level cleaning shared by the HTML and scraped-text extractors: quote and whitespace
 * normalisation, and near-duplicate paragraph removal. Chrome is told by structure (HTML) and by
 * the shape of lines (line-features.ts), never by a list of phrases one set of sites uses.
 */

/** Printable ASCII words one space apart, without a backquote: already comparable but for case. */
const PLAIN_ASCII = /^[\x21-\x5f\x61-\x7e]+(?: [\x21-\x5f\x61-\x7e]+)*$/;

/** Straight quotes, plain dashes and single spaces: the form used to compare paragraphs. */
export function comparable(s: string): string {
  // ASCII is its own NFKC form and holds none of the marks replaced below (the backquote aside).
  if (PLAIN_ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKC')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** What tidy changes: a tab, line break, no-break or zero-width space, two spaces, space at an end. */
const UNTIDY = /[\t\n\u00a0\u200b\ufeff]| {2}|^\s|\s$/;

/** Collapses spaces inside a paragraph and trims it. */
export function tidy(s: string): string {
  if (!UNTIDY.test(s)) return s;
  return s.replace(/[ \t\u00a0\u200b\ufeff]+/g, ' ').replace(/\s*\n\s*/g, ' ').trim();
}

/** Words of a comparable paragraph, as shingles count them. */
const SHINGLE_WORD = /[\p{L}\p{N}]+/gu;

/**
 * The distinct word shingles (3 words; a paragraph of fewer words is one shingle of them all) of
 * comparable paragraphs, each shingle a small integer: equal ids for equal word sequences, in the
 * order the paragraph first uses them. Words become ids first, then a shingle's first two ids a
 * pair id and the pair and third id the shingle's id, so no string is built per shingle. `paras`
 * lists the paragraphs to shingle (others get an empty list).
 */
function shingleIds(keys: readonly string[], paras: readonly number[]): { ids: number[][]; count: number } {
  const wordIds = new Map<string, number>();
  const words = paras.map((n) => {
    const w = keys[n]!.match(SHINGLE_WORD) ?? [];
    const ids = new Array<number>(w.length);
    for (let i = 0; i < w.length; i++) {
      let id = wordIds.get(w[i]!);
      if (id === undefined) wordIds.set(w[i]!, (id = wordIds.size));
      ids[i] = id;
    }
    return ids;
  });
  // Ids are below `none`, which stands for the missing words of a one- or two-word shingle.
  const none = wordIds.size;
  const radix = none + 1;
  const pairs = new Map<number, number>();
  const triples = new Map<number, number>();
  const idOf = (a: number, b: number, c: number): number => {
    const pk = a * radix + b;
    let pair = pairs.get(pk);
    if (pair === undefined) pairs.set(pk, (pair = pairs.size));
    const tk = pair * radix + c;
    let id = triples.get(tk);
    if (id === undefined) triples.set(tk, (id = triples.size));
    return id;
  };
  const out: number[][] = keys.map(() => []);
  // Per shingle id, the paragraph that last listed it (each paragraph lists an id once).
  const listed: number[] = [];
  paras.forEach((n, k) => {
    const w = words[k]!;
    const ids = out[n]!;
    const push = (id: number): void => {
      if (listed[id] === n) return;
      listed[id] = n;
      ids.push(id);
    };
    if (w.length < 3) {
      if (w.length > 0) push(idOf(w[0]!, w.length > 1 ? w[1]! : none, none));
      return;
    }
    for (let i = 0; i + 3 <= w.length; i++) push(idOf(w[i]!, w[i + 1]!, w[i + 2]!));
  });
  return { ids: out, count: triples.size };
}

/**
 * Drops paragraphs that repeat an earlier one: exactly, with other quotes or spaces, or cut short
 * (a copy that is a prefix of, or mostly contained in, a kept paragraph; a longer later copy
 * replaces a cut-short earlier one). A short line (under 25 characters) is dropped only as an
 * exact repeat next to a dropped copy, since short lines (a one-line quote, "Yes.") recur
 * legitimately but also belong to a body printed twice. `known` may hold paragraphs' comparable
 * forms already computed (null where not).
 */
export function dedupeParagraphs(paras: readonly string[], known: readonly (string | null)[] = []): string[] {
  const out: (string | null)[] = [];
  const dup: boolean[] = [];
  const keys = paras.map((p, n) => known[n] ?? comparable(p));
  const long: number[] = [];
  keys.forEach((k, n) => {
    if (k.length >= 25) long.push(n);
  });
  const shingled = shingleIds(keys, long);
  const sets: (readonly number[])[] = [];
  // Per shingle, the paragraphs that hold it: the first in `first`, more in `more` (up to 50 in all).
  const first = new Int32Array(shingled.count).fill(-1);
  const more = new Map<number, number[]>();
  const addHolder = (s: number, at: number, unique: boolean): void => {
    const f = first[s]!;
    if (f < 0) {
      first[s] = at;
      return;
    }
    let l = more.get(s);
    if (!l) more.set(s, (l = [f]));
    if (l.length < 50 && !(unique && l.includes(at))) l.push(at);
  };
  const exact = new Map<string, number>();
  const shortSeen = new Set<string>();
  const shortRepeat: boolean[] = [];
  for (const [n, p] of paras.entries()) {
    const key = keys[n]!;
    const at = out.length;
    out.push(p);
    dup.push(false);
    shortRepeat.push(false);
    sets.push([]);
    if (key.length < 25) {
      shortRepeat[at] = shortSeen.has(key);
      shortSeen.add(key);
      continue;
    }
    if (exact.has(key)) {
      out[at] = null;
      dup[at] = true;
      continue;
    }
    const sh = shingled.ids[n]!;
    sets[at] = sh;
    const counts = new Map<number, number>();
    const count = (i: number): void => void counts.set(i, (counts.get(i) ?? 0) + 1);
    for (const s of sh) {
      const f = first[s]!;
      if (f < 0) continue;
      const l = more.get(s);
      if (l) l.forEach(count);
      else count(f);
    }
    let target = -1;
    const stem = key.length >= 40 ? key.replace(/\.{3}$/, '').slice(0, -3) : null;
    for (const [i, c] of counts) {
      if (out[i] === null) continue;
      const k = keys[i]!;
      if (c / sh.length >= 0.8 || (stem !== null && c >= 3 && k.startsWith(stem))) {
        target = i;
        break;
      }
      // An earlier copy that was cut short: the longer text takes its place.
      if (c / sets[i]!.length >= 0.9 && sh.length > sets[i]!.length) {
        out[i] = p;
        keys[i] = key;
        sets[i] = sh;
        target = i;
        break;
      }
    }
    exact.set(key, at);
    if (target >= 0) {
      out[at] = null;
      dup[at] = true;
      for (const s of sh) addHolder(s, target, true);
      continue;
    }
    for (const s of sh) addHolder(s, at, false);
  }
  const kept: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (p === null || p === undefined) continue;
    if (shortRepeat[i] && (dup[i - 1] === true || dup[i + 1] === true)) continue;
    kept.push(p);
  }
  return kept;
}

/** Control characters (other than whitespace) in the first 8 K characters mean binary data. */
export function looksBinary(s: string): boolean {
  const n = Math.min(s.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) bad++;
  }
  return bad / Math.max(1, n) > 0.05;
}
