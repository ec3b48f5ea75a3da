/**
 * The faithfulness guard for rewritten summaries: a rewrite may say things in other words, but every
 * number, date and proper name in it must already be in the story's articles. Pure: the model call
 * lives at the edge (src/summarizer), this only compares texts.
 */
import { analyze, contentTerms } from './terms.js';

/**
 * Month and weekday names (English, German, French, Spanish): the term analyser treats them as stop
 * words, but in a date they are facts. Lower case. English "may" is left out: it is mostly the verb.
 */
const DATE_WORDS: ReadonlySet<string> = new Set(
  (
    'january february march april june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'janvier février mars avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo'
  ).split(' '),
);

const WORDS = /[\p{L}\p{N}]+/gu;

/** The facts a text states: its numbers (`#n`), names (stemmed, lower case) and date words, read in `language` (ISO 639-1; null: English). */
export function factsOf(text: string, language: string | null = null): string[] {
  const facts = new Set(analyze(text, language).entities);
  for (const w of text.toLowerCase().match(WORDS) ?? []) if (DATE_WORDS.has(w)) facts.add(w);
  return [...facts];
}

/** Everything the evidence mentions, in the same terms {@link factsOf} uses. */
function evidenceTerms(evidence: readonly string[], language: string | null): Set<string> {
  const known = new Set<string>();
  for (const text of evidence) {
    for (const t of contentTerms(text, language)) known.add(t);
    for (const w of text.toLowerCase().match(WORDS) ?? []) if (DATE_WORDS.has(w)) known.add(w);
  }
  return known;
}

/**
 * The facts of `rewrite` that no evidence text states (empty: the rewrite is faithful).
 * `evidence` is the story's article texts, titles and extractive sentences; both are read with
 * the stop words and stemmer of the story's `language` (its lead article's), so an inflected name
 * or a capitalised common word of that language is judged as that language reads it.
 */
export function unsupportedFacts(rewrite: string, evidence: readonly string[], language: string | null = null): string[] {
  const known = evidenceTerms(evidence, language);
  return factsOf(rewrite, language).filter((f) => !known.has(f));
}
