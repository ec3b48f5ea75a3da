import { describe, expect, it } from 'vitest';
import { detectLanguage, languageCode } from '../../src/ingest/language.js';
import { splitSentences } from '../../src/digest/sentences.js';
import { toArticle } from '../../src/ingest/to-article.js';
import { NEWS } from '../fixtures/languages/news.js';

const now = new Date('2026-12-03T10:00:00Z');

describe('detectLanguage', () => {
  for (const f of NEWS) {
    describe(f.language, () => {
      for (const [name, a] of [['same', f.same], ['same2', f.same2], ['other', f.other]] as const) {
        it(`detects the ${name} article with no declaration`, () => {
          expect(detectLanguage({ title: a.title, text: a.text })).toBe(f.language);
        });
        it(`detects the ${name} article from its text alone`, () => {
          expect(detectLanguage({ text: a.text })).toBe(f.language);
        });
      }
      it('keeps a plausible declaration, reduced to its ISO 639-1 code', () => {
        expect(detectLanguage({ declared: `${f.language}-XX`, text: f.same.text })).toBe(f.language);
      });
      it('overrules a template default of "en" on a long text', () => {
        expect(detectLanguage({ declared: 'en', title: f.same.title, text: f.same.text })).toBe(f.language);
      });
    });
  }

  it('detects the fixtures’ single sentences and headlines alone (short text) at least 95 % of the time', () => {
    let sentences = 0;
    let sentencesRight = 0;
    let titlesRight = 0;
    for (const f of NEWS) {
      for (const a of [f.same, f.same2, f.other]) {
        for (const s of splitSentences(a.text, f.language)) {
          sentences++;
          if (detectLanguage({ text: s }) === f.language) sentencesRight++;
        }
        if (detectLanguage({ text: a.title }) === f.language) titlesRight++;
      }
    }
    const titles = NEWS.length * 3;
    console.log(`language detection on the fixtures (${NEWS.map((f) => f.language).join(', ')}): ${sentencesRight}/${sentences} single sentences, ${titlesRight}/${titles} headlines, articles all in the tests above`);
    expect(sentencesRight / sentences).toBeGreaterThanOrEqual(0.95);
    expect(titlesRight / titles).toBeGreaterThanOrEqual(0.9);
  });

  it('detects English', () => {
    expect(detectLanguage({ text: 'The council voted on Tuesday to close the library, despite protests from parents and teachers.' })).toBe('en');
  });

  it('keeps a declared neighbour language the detector rates close (Danish text declared Norwegian)', () => {
    const text = 'Regeringen fremlagde i dag finansloven. Der bliver flere penge til skoler og sundhed, og skatten på arbejde sænkes.';
    expect(detectLanguage({ text })).toBe('da');
    expect(detectLanguage({ declared: 'no', text })).toBe('no');
  });

  it('refuses a declaration in another script than the text (lang="en" on Russian text)', () => {
    expect(detectLanguage({ declared: 'en', text: 'Снег' })).not.toBe('en');
    expect(detectLanguage({ declared: 'ru', text: 'Heavy snow hit the city on Monday and closed the schools.' })).toBe('en');
  });

  it('takes Han and kana as Japanese script, Han as Chinese', () => {
    expect(detectLanguage({ declared: 'ja-JP', text: '東京で大雪が降り、電車が止まりました。' })).toBe('ja');
    expect(detectLanguage({ declared: 'zh-Hans', text: '北京今天下了大雪，很多航班被取消。' })).toBe('zh');
    expect(detectLanguage({ declared: 'ja', text: 'Heavy snow fell in Tokyo and trains stopped running for hours.' })).toBe('en');
  });

  it('trusts the declaration of a short text in the right script', () => {
    expect(detectLanguage({ declared: 'pt-BR', text: 'Chuva forte' })).toBe('pt');
  });

  it('trusts a declared language the detector does not know, when the script fits', () => {
    expect(detectLanguage({ declared: 'sw', text: 'Serikali imetangaza mpango mpya wa kusaidia wakulima wadogo nchini kote.' })).toBe('sw');
  });

  it('returns null when the text has no language (numbers only)', () => {
    expect(detectLanguage({ text: '12 345 678' })).toBeNull();
  });
});

describe('languageCode', () => {
  it('reduces tags to ISO 639-1 codes', () => {
    expect(languageCode('en_US')).toBe('en');
    expect(languageCode('de-DE')).toBe('de');
    expect(languageCode('deu')).toBe('de');
    expect(languageCode('fa-IR, en')).toBe('fa');
    expect(languageCode('iw')).toBe('he');
  });
  it('refuses what is not a language tag', () => {
    expect(languageCode('')).toBeNull();
    expect(languageCode('und')).toBeNull();
    expect(languageCode('english please')).toBeNull();
    expect(languageCode('x-klingon')).toBeNull();
  });
});

describe('toArticle', () => {
  const extracted = (text: string, language: string | null) => ({ title: null, text, description: null, byline: null, published: null, url: null, language });
  it('fills the language of an article that declares none', () => {
    const f = NEWS.find((x) => x.language === 'fa')!;
    expect(toArticle(extracted(f.same.text, null), { defaultSource: 'x', now }).language).toBe('fa');
  });
  it('keeps the page’s plausible declaration', () => {
    const f = NEWS.find((x) => x.language === 'de')!;
    expect(toArticle(extracted(f.same.text, 'de-AT'), { defaultSource: 'x', now }).language).toBe('de');
  });
});
