import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/digest/sentences.js';
import { summarize } from '../../src/digest/summarize.js';
import { NEWS } from '../fixtures/languages/news.js';

const cases: [string, string, string, string[]][] = [
  ['de', 'abbreviations with a space', 'Hilfskräfte, z. B. vom THW, halfen. Es gab d. h. keine Toten. Dr. Müller kam u. a. mit Prof. Schmidt.', ['Hilfskräfte, z. B. vom THW, halfen.', 'Es gab d. h. keine Toten.', 'Dr. Müller kam u. a. mit Prof. Schmidt.']],
  ['de', '"z. B." before a capitalised noun', 'Viele Städte, z. B. Berlin, sparen. Andere nicht.', ['Viele Städte, z. B. Berlin, sparen.', 'Andere nicht.']],
  ['de', 'ordinal dates and ordinals before nouns', 'Am 3. Oktober ist Feiertag. Es ist der 5. Streik in diesem Jahr. Er kam auf Platz 3. Die Polizei ermittelt.', ['Am 3. Oktober ist Feiertag.', 'Es ist der 5. Streik in diesem Jahr.', 'Er kam auf Platz 3.', 'Die Polizei ermittelt.']],
  ['de', 'a quotation closed after its full stop', '„Wir tun alles, was möglich ist.“ Das sagte Dupper. »Es reicht.« Dann ging er.', ['„Wir tun alles, was möglich ist.“', 'Das sagte Dupper.', '»Es reicht.«', 'Dann ging er.']],
  ['de', 'thousands and decimals', 'Rund 3.000 Menschen flohen. Der Pegel lag bei 10,20 Metern.', ['Rund 3.000 Menschen flohen.', 'Der Pegel lag bei 10,20 Metern.']],
  ['fr', 'titles M. and Mme', 'M. Payan et Mme Camard sont arrivés. M. Le Pen a réagi. Ils sont repartis.', ['M. Payan et Mme Camard sont arrivés.', 'M. Le Pen a réagi.', 'Ils sont repartis.']],
  ['fr', 'spaced guillemets', 'Un habitant raconte : « Nous avons tout perdu. » Selon les pompiers, le feu est éteint. « Pourquoi ? » demande-t-il.', ['Un habitant raconte : « Nous avons tout perdu. »', 'Selon les pompiers, le feu est éteint.', '« Pourquoi ? » demande-t-il.']],
  ['es', 'inverted marks', '¿Hubo víctimas? Las autoridades lo niegan. ¡No se reportaron fallecidos! El alcalde pidió calma.', ['¿Hubo víctimas?', 'Las autoridades lo niegan.', '¡No se reportaron fallecidos!', 'El alcalde pidió calma.']],
  ['es', 'Sr., Dra. and EE. UU.', 'El Sr. Ramírez y la Dra. Torres hablaron. El Servicio Geológico de EE. UU. registró el sismo. La ministra viajará a EE. UU. El Gobierno lo confirmó.', ['El Sr. Ramírez y la Dra. Torres hablaron.', 'El Servicio Geológico de EE. UU. registró el sismo.', 'La ministra viajará a EE. UU.', 'El Gobierno lo confirmó.']],
  ['ru', 'т. е., тыс. and initials', 'Движение было затруднено, т. е. водители стояли в пробках. На улицы вышли 12 тыс. машин. Президент В. В. Путин провёл совещание.', ['Движение было затруднено, т. е. водители стояли в пробках.', 'На улицы вышли 12 тыс. машин.', 'Президент В. В. Путин провёл совещание.']],
  ['ru', '"г." as a year ends a sentence, as a city does not', 'Такой снегопад был в 1998 г. По словам мэра, техники хватает. Мэрия г. Москвы сообщила об этом.', ['Такой снегопад был в 1998 г.', 'По словам мэра, техники хватает.', 'Мэрия г. Москвы сообщила об этом.']],
  ['fa', 'the Arabic question mark and Persian digits', 'آیا خسارت جدی وارد شده است؟ هنوز گزارش دقیقی منتشر نشده است. زلزله‌ای به بزرگی ۵٫۶ ریشتر رخ داد.', ['آیا خسارت جدی وارد شده است؟', 'هنوز گزارش دقیقی منتشر نشده است.', 'زلزله‌ای به بزرگی ۵٫۶ ریشتر رخ داد.']],
  ['ar', 'the Arabic question mark', 'هل كانت السلطات مستعدة؟ يقول السكان إن التحذيرات جاءت متأخرة. وأعلنت الحكومة الحداد.', ['هل كانت السلطات مستعدة؟', 'يقول السكان إن التحذيرات جاءت متأخرة.', 'وأعلنت الحكومة الحداد.']],
  ['ar', 'a one-letter abbreviation (د. for doctor)', 'وقال د. أحمد زويل إن الوضع خطير. وغادر الوفد.', ['وقال د. أحمد زويل إن الوضع خطير.', 'وغادر الوفد.']],
  ['ur', 'the Urdu full stop', 'حکومت نے نئے اقدامات کا اعلان کیا۔ عوام نے خیر مقدم کیا۔', ['حکومت نے نئے اقدامات کا اعلان کیا۔', 'عوام نے خیر مقدم کیا۔']],
  ['hi', 'the danda', 'सरकार ने नई योजना की घोषणा की। लोग खुश हैं।', ['सरकार ने नई योजना की घोषणा की।', 'लोग खुश हैं।']],
];

describe('splitSentences in other languages', () => {
  for (const [language, name, text, expected] of cases) {
    it(`${language}: ${name}`, () => {
      expect(splitSentences(text, language)).toEqual(expected);
    });
  }

  it('keeps English behaviour for English and unknown text', () => {
    const text = 'He moved to the U.S. The move paid off. Mr. Smith met Dr. Who. It opened on Jan. 5 and closed.';
    expect(splitSentences(text, 'en')).toEqual(splitSentences(text));
    expect(splitSentences(text, null)).toEqual(['He moved to the U.S.', 'The move paid off.', 'Mr. Smith met Dr. Who.', 'It opened on Jan. 5 and closed.']);
  });

  it('reads an ordinal dot before a noun only in languages that write ordinals so', () => {
    expect(splitSentences('He finished 3. Smith was 4.', 'en')).toEqual(['He finished 3.', 'Smith was 4.']);
    expect(splitSentences('Sie feierten den 3. Sieg in Folge.', 'de')).toEqual(['Sie feierten den 3. Sieg in Folge.']);
  });
});

describe('fixture articles', () => {
  for (const f of NEWS) {
    for (const a of [f.same, f.same2, f.other]) {
      it(`${f.language} (${a.source}: ${a.title}): every sentence is whole and none ends at an abbreviation or ordinal`, () => {
        const sentences = splitSentences(a.text, f.language);
        expect(sentences.length).toBeGreaterThanOrEqual(3);
        for (const s of sentences) {
          expect(a.text).toContain(s);
          expect(s).toMatch(/[.!?؟۔»“«]$/u);
          expect(s).not.toMatch(/(?:\b(?:Dr|z\. B|d\. h|u\. a|M|Mme|Sr|Sra|Dra|т\. е|тыс)|\s\d{1,2})\.$/u);
        }
      });
      it(`${f.language} (${a.source}): a two-sentence summary is two whole sentences of the article`, () => {
        const sentences = splitSentences(a.text, f.language);
        const summary = summarize({ title: a.title, text: a.text, language: f.language }, 2);
        expect(summary).toHaveLength(2);
        for (const s of summary) expect(sentences).toContain(s);
      });
    }
  }
});
