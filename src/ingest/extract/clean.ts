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

/** Word shingles (3 words) of a comparable paragraph, for near-duplicate tests. */
function shingles(s: string): Set<string> {
  const w = s.match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  if (w.length < 3) {
    if (w.length > 0) out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + 3 <= w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
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
  const keys: string[] = [];
  const sets: Set<string>[] = [];
  const index = new Map<string, number[]>();
  const exact = new Map<string, number>();
  const shortSeen = new Set<string>();
  const shortRepeat: boolean[] = [];
  for (const [n, p] of paras.entries()) {
    const key = known[n] ?? comparable(p);
    const at = out.length;
    out.push(p);
    dup.push(false);
    shortRepeat.push(false);
    keys.push(key);
    sets.push(new Set());
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
    const sh = shingles(key);
    sets[at] = sh;
    const counts = new Map<number, number>();
    for (const s of sh) for (const i of index.get(s) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    let target = -1;
    const stem = key.length >= 40 ? key.replace(/\.{3}$/, '').slice(0, -3) : null;
    for (const [i, c] of counts) {
      if (out[i] === null) continue;
      const k = keys[i]!;
      if (c / sh.size >= 0.8 || (stem !== null && c >= 3 && k.startsWith(stem))) {
        target = i;
        break;
      }
      // An earlier copy that was cut short: the longer text takes its place.
      if (c / sets[i]!.size >= 0.9 && sh.size > sets[i]!.size) {
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
      for (const s of sh) {
        const l = index.get(s);
        if (!l) index.set(s, [target]);
        else if (l.length < 50 && !l.includes(target)) l.push(target);
      }
      continue;
    }
    for (const s of sh) {
      const l = index.get(s);
      if (!l) index.set(s, [at]);
      else if (l.length < 50) l.push(at);
    }
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
