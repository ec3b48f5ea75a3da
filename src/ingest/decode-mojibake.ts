/**
 * Mojibake repair: UTF-8 that was read as windows-1252 (or Latin-1) somewhere upstream, such as
 * `â€™` for `’` or `Ã©` for `é`. Only a sequence that is valid UTF-8 once turned back into
 * windows-1252 bytes AND decodes to a character real text uses (Latin letters, Greek, Cyrillic,
 * Hebrew, Arabic, punctuation, CJK…) is repaired, so real Latin-1 text ("Groß“", "QUÉ…") is left alone.
 */

/** windows-1252's 0x80–0x9F (undefined bytes map to the C1 control of the same number, as WHATWG does). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b), b);
for (let b = 0x80; b < 0xa0; b++) if (!BYTE_OF.has(String.fromCharCode(b))) BYTE_OF.set(String.fromCharCode(b), b);

/** Characters that stand for a continuation byte (0x80–0xBF) in windows-1252. */
const CONT = `[\\u0080-\\u00bf${[...CP1252_HIGH].filter((c) => c.charCodeAt(0) > 0xff).join('')}]`;
/** A lead byte (0xC2–0xF4) shown as a Latin-1 letter, then continuation bytes. */
const CANDIDATE = new RegExp(`[\\u00c2-\\u00f4]${CONT}{1,3}`, 'g');
const QUICK = /[\u00c2-\u00f4]/;

/** Two-byte results real text uses: Latin-1 and Latin Extended-A letters, Romanian ș ț, Greek, Cyrillic, Hebrew letters, Arabic. */
function plausible2(cp: number): boolean {
  return (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x218 && cp <= 0x21b) || (cp >= 0x370 && cp <= 0x4ff) || (cp >= 0x5d0 && cp <= 0x5ea) || (cp >= 0x600 && cp <= 0x6ff);
}

/** Three- and four-byte results: anything but surrogates, private use and non-characters. */
function plausible34(cp: number): boolean {
  return !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0xe000 && cp <= 0xf8ff) && (cp & 0xfffe) !== 0xfffe && cp <= 0x10ffff;
}

/** Punctuation a real Latin letter can be followed by ("Å”", "É…"): such a pair is Latin mojibake only inside a word. */
const PUNCT = new Set([...'‘’“”„‚…–—•‹›«»¡¿·']);

/** One candidate run → its repaired text, or the run unchanged. `next` is the character after the run. */
function repairRun(run: string, next: string): string {
  const bytes = [...run].map((c) => BYTE_OF.get(c) ?? -1);
  const lead = bytes[0]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (bytes.length < need || bytes.slice(0, need).some((b) => b < 0)) return run;
  const cont = bytes.slice(1, need);
  if (cont.some((b) => b < 0x80 || b > 0xbf)) return run;
  let cp = lead & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (const b of cont) cp = (cp << 6) | (b & 0x3f);
  // Overlong forms are not UTF-8.
  if ((need === 3 && cp < 0x800) || (need === 4 && cp < 0x10000)) return run;
  if (!(need === 2 ? plausible2(cp) : plausible34(cp))) return run;
  if (need === 2 && cp < 0x370 && PUNCT.has(run[1]!) && !/\p{L}/u.test(next)) return run;
  return String.fromCodePoint(cp) + [...run].slice(need).join('');
}

/** Repairs clear UTF-8-as-windows-1252 mojibake; text without any is returned as it is. */
export function repairMojibake(text: string): string {
  if (!QUICK.test(text)) return text;
  return text.replace(CANDIDATE, (run: string, at: number) => repairRun(run, text.charAt(at + run.length)));
}
