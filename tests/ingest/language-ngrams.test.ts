import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { detectNgrams, detectorLanguages } from '../../src/ingest/language-ngrams.js';
import { NEWS } from '../fixtures/languages/news.js';

/** Texts of every fixture language, cut at many lengths, and mixed or odd input. */
function samples(): string[] {
  const out: string[] = [];
  for (const f of NEWS) {
    for (const a of [f.same, f.same2, f.other]) {
      const text = `${a.title}\n${a.text}`;
      for (const n of [3, 12, 40, 90, 200, 400, 700, 1000, 1400]) out.push(text.slice(0, n));
      out.push(a.title, text.toUpperCase(), text.replace(/\s+/g, ''));
    }
  }
  const bbc = join(import.meta.dirname, '../../../shared/data/bbc/articles');
  let dirs: string[] = [];
  try {
    dirs = readdirSync(bbc);
  } catch {
    // The shared data is not on every machine; the fixtures above still run.
  }
  for (const d of dirs.slice(0, 3)) for (const f of readdirSync(join(bbc, d)).slice(0, 40)) out.push(readFileSync(join(bbc, d, f), 'utf8'));
  out.push('', '   ', '12345 67890', "don't won’t l'été", 'a'.repeat(500), 'x y z', '🙂 emoji 🙂 text 𝒜𝒷𝒸', 'ab\u0301c déjà-vu naïve', 'constructor __proto__ toString hasOwnProperty');
  return out;
}

describe('detectNgrams', () => {
  it('gives the language and the scores that eld’s detect gives', () => {
    const codes = detectorLanguages();
    for (const text of samples()) {
      const ours = detectNgrams(text);
      const theirs = eld.detect(text);
      expect(ours.language, text.slice(0, 60)).toBe(theirs.language);
      const scores = theirs.getScores();
      for (const code of codes) expect(ours.score(code), `${code}: ${text.slice(0, 60)}`).toBe(scores[code]);
    }
  });

  it('knows eld’s 60 languages', () => {
    expect([...detectorLanguages()].sort()).toEqual(Object.values(eld.info().Languages).sort());
  });
});
