/**
 * The language of an article, decided once at the ingest edge so the digest core reads it as data.
 * A page's or feed's declared language wins when it is plausible for the text; otherwise the
 * text's own language as ELD (Efficient Language Detector, ISO 639-1 codes, 60 languages, accurate
 * on sentence-length text) sees it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as EldModule from 'eld/extrasmall';

type Detector = (typeof EldModule)['eld'];
let detector: Detector | null = null;
/**
 * ELD, loaded on first use: its n-gram table costs about 0.3 s and 30 MB, which commands that never
 * read an article (status, feeds list, the bots' start) should not pay. Node ≥ 20.19 loads an ES
 * module synchronously with require(); the path is resolved because the package exports no
 * "require" condition.
 */
function eld(): Detector {
  detector ??= (createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('eld/extrasmall'))) as typeof EldModule).eld;
  return detector;
}

/** Enough text for a confident detection; more only costs time (ELD reads 1,000 characters). */
const SAMPLE_CHARS = 1000;
/** Below this many letters a detection is a guess, so it never overrules a declaration. */
const MIN_LETTERS_TO_OVERRULE = 40;
/** A declared language scoring at least this share of the best guess is taken as plausible. */
const CLOSE_SCORE = 0.85;

/** Scripts whose letters tell a language family apart, by Unicode script property. */
const SCRIPTS = ['Latin', 'Cyrillic', 'Arabic', 'Hebrew', 'Greek', 'Devanagari', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Armenian', 'Georgian', 'Bengali', 'Ethiopic'] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_RES: readonly [Script, RegExp][] = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);

/** A language tag as a locale ("en_US" and "en-US" alike), or null when it is not one. */
function localeOf(tag: string | null | undefined): Intl.Locale | null {
  if (!tag) return null;
  const t = tag.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(t)) return null;
  try {
    const locale = new Intl.Locale(t);
    return /^[a-z]{2}$/.test(locale.language) ? locale : null;
  } catch {
    return null;
  }
}

/** The primary ISO 639-1 code of a language tag ("en-US" → "en", "deu" → "de"), or null. */
export function languageCode(tag: string | null | undefined): string | null {
  return localeOf(tag)?.language ?? null;
}

/** The script most letters of the text are written in (Han, kana and Hangul count apart). */
function dominantScript(text: string): Script | null {
  const counts = new Map<Script, number>();
  let seen = 0;
  for (const ch of text) {
    if (seen >= SAMPLE_CHARS) break;
    if (!/\p{L}/u.test(ch)) continue;
    seen++;
    const hit = SCRIPT_RES.find(([, re]) => re.test(ch));
    if (hit) counts.set(hit[0], (counts.get(hit[0]) ?? 0) + 1);
  }
  let best: Script | null = null;
  for (const [s, n] of counts) if (best === null || n > counts.get(best)!) best = s;
  return best;
}

/** The script a language is written in, from CLDR's likely-subtags data (Intl.Locale#maximize). */
function scriptOf(locale: Intl.Locale): Script | null {
  const s = locale.maximize().script;
  const byCode: Record<string, Script> = { Latn: 'Latin', Cyrl: 'Cyrillic', Arab: 'Arabic', Hebr: 'Hebrew', Grek: 'Greek', Deva: 'Devanagari', Hans: 'Han', Hant: 'Han', Jpan: 'Han', Kore: 'Hangul', Thai: 'Thai', Armn: 'Armenian', Geor: 'Georgian', Beng: 'Bengali', Ethi: 'Ethiopic' };
  return s ? (byCode[s] ?? null) : null;
}

/** Same script, with Japanese and Chinese sharing Han and kana. */
function scriptFits(locale: Intl.Locale, script: Script | null): boolean {
  if (script === null) return true;
  const code = locale.language;
  const expected = scriptOf(locale);
  if (expected === null) return true;
  if (code === 'ja') return script === 'Han' || script === 'Hiragana' || script === 'Katakana';
  if (code === 'ko') return script === 'Hangul' || script === 'Han';
  return expected === script;
}

/** What the text and, optionally, a declaration say about an article's language. */
export interface LanguageInput {
  /** The page's `lang`, a feed's `<language>`, a JSON input's field: any language tag. */
  declared?: string | null;
  title?: string | null;
  text: string;
}

/**
 * The article's language as an ISO 639-1 code, or null when neither a plausible declaration nor
 * the text tells (numbers only, too little text). A declaration is plausible when its script fits
 * the text's and, for text long enough to judge, the detector rates it close to its best guess
 * (templates that say `lang="en"` on every page are common; neighbours such as Danish/Norwegian
 * keep what the publisher says).
 */
export function detectLanguage(input: LanguageInput): string | null {
  const sample = `${input.title ?? ''}\n${input.text.slice(0, SAMPLE_CHARS)}`;
  const locale = localeOf(input.declared);
  const declared = locale?.language ?? null;
  const result = eld().detect(sample);
  const guess = result.language || null;
  if (locale && declared && scriptFits(locale, dominantScript(sample))) {
    if (guess === null || guess === declared || !knownToDetector(declared)) return declared;
    const letters = sample.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_LETTERS_TO_OVERRULE) return declared;
    const scores = result.getScores();
    if ((scores[declared] ?? 0) >= CLOSE_SCORE * (scores[guess] ?? 0)) return declared;
  }
  return guess;
}

let known: ReadonlySet<string> | null = null;
/** Whether ELD can score the language at all (it knows 60); others are judged by script alone. */
function knownToDetector(code: string): boolean {
  known ??= new Set(Object.values(eld().info().Languages));
  return known.has(code);
}
