import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/digest/sentences.js';

const cases: [string, string, string[]][] = [
  ['plain sentences', 'The sun rose. Birds sang! Did you hear?', ['The sun rose.', 'Birds sang!', 'Did you hear?']],
  ['text with no end mark', 'no full stop here', ['no full stop here']],
  ['titles before names', 'Mr. Smith met Mrs. Jones and Dr. Who. Then Prof. Li spoke to Gen. Lee, Sen. Kerry and Rep. Pelosi.', ['Mr. Smith met Mrs. Jones and Dr. Who.', 'Then Prof. Li spoke to Gen. Lee, Sen. Kerry and Rep. Pelosi.']],
  ['St. before a name', 'He lives on St. James Street. It is quiet.', ['He lives on St. James Street.', 'It is quiet.']],
  ['U.S. inside a sentence', 'The U.S. economy grew. The U.K. government agreed.', ['The U.S. economy grew.', 'The U.K. government agreed.']],
  ['U.S. ending a sentence', 'He moved to the U.S. The move paid off.', ['He moved to the U.S.', 'The move paid off.']],
  ['e.g. and i.e.', 'Some fruit, e.g. Apples, is sweet. Others, i.e. Lemons, are not.', ['Some fruit, e.g. Apples, is sweet.', 'Others, i.e. Lemons, are not.']],
  ['months before a day', 'It opened on Jan. 5 and closed on Feb. 10. It reopened in Sept. 2004.', ['It opened on Jan. 5 and closed on Feb. 10.', 'It reopened in Sept. 2004.']],
  ['No. before a number', 'He is ranked No. 1 in the world. She said no. Then she left.', ['He is ranked No. 1 in the world.', 'She said no.', 'Then she left.']],
  ['vs.', 'It was England vs. France on Sunday. England won.', ['It was England vs. France on Sunday.', 'England won.']],
  ['company suffixes inside', 'Shares in Acme Inc. rose and Foo Ltd. fell. Bar Corp. Chief Ann Lee quit.', ['Shares in Acme Inc. rose and Foo Ltd. fell.', 'Bar Corp. Chief Ann Lee quit.']],
  ['company suffix ending a sentence', 'He joined Apple Inc. The firm is big.', ['He joined Apple Inc.', 'The firm is big.']],
  ['decimals and money', 'Profits rose 3.5% to $1.2bn. Sales were £0.5m higher.', ['Profits rose 3.5% to $1.2bn.', 'Sales were £0.5m higher.']],
  ['initials', 'J. R. R. Tolkien wrote it. George W. Bush read it.', ['J. R. R. Tolkien wrote it.', 'George W. Bush read it.']],
  ['a letter ending a sentence', 'We have a plan B. The plan works.', ['We have a plan B.', 'The plan works.']],
  ['ellipsis before a capital', 'He waited... Nothing happened. She paused … Then went on.', ['He waited...', 'Nothing happened.', 'She paused …', 'Then went on.']],
  ['ellipsis inside a sentence', 'It was... well, odd. Fine.', ['It was... well, odd.', 'Fine.']],
  ['quote with a comma', '"It is over," he said. "We lost."', ['"It is over," he said.', '"We lost."']],
  ['full stop inside the quote', 'She said: "We won." Then she left.', ['She said: "We won."', 'Then she left.']],
  ['curly quotes', 'He said: “We won.” They cheered. ‘Why?’ asked Ann. ‘Because.’', ['He said: “We won.”', 'They cheered.', '‘Why?’ asked Ann.', '‘Because.’']],
  ['question in a quote, then the speaker', '"Is it true?" he asked. "Yes!" she said.', ['"Is it true?" he asked.', '"Yes!" she said.']],
  ['parentheses', 'Sales fell (see below.) The rest rose (by 5%). Good.', ['Sales fell (see below.)', 'The rest rose (by 5%).', 'Good.']],
  ['URLs and emails', 'Visit www.bbc.co.uk/news for more. Write to news@bbc.co.uk today. See https://example.com/a.b?c=d. Done.', ['Visit www.bbc.co.uk/news for more.', 'Write to news@bbc.co.uk today.', 'See https://example.com/a.b?c=d.', 'Done.']],
  ['numbered list lines', 'Steps:\n1. Open the box.\n2. Take the toy.\n3. Play', ['Steps:', '1. Open the box.', '2. Take the toy.', '3. Play']],
  ['bullets', 'Key points\n- prices rose\n- wages fell', ['Key points', '- prices rose', '- wages fell']],
  ['a number ending a sentence', 'He scored 10. Then he left.', ['He scored 10.', 'Then he left.']],
  ['times', 'We met at 5 p.m. on Friday. It rained.', ['We met at 5 p.m. on Friday.', 'It rained.']],
  ['paragraphs end sentences', 'First paragraph without a stop\n\nSecond one. Third', ['First paragraph without a stop', 'Second one.', 'Third']],
  ['blank lines with spaces', 'One\n   \nTwo\r\n\r\nThree', ['One', 'Two', 'Three']],
  ['a wrapped line is one sentence', 'This sentence is\nwrapped over lines. Next one.', ['This sentence is\nwrapped over lines.', 'Next one.']],
  ['a number starting the next sentence', 'Prices rose. 2004 was a good year.', ['Prices rose.', '2004 was a good year.']],
  ['German', 'Am 3. Oktober feiern wir. Das ist z.B. schön, d.h. gut. Dr. Müller kommt um 10 Uhr. Wer kommt?', ['Am 3. Oktober feiern wir.', 'Das ist z.B. schön, d.h. gut.', 'Dr. Müller kommt um 10 Uhr.', 'Wer kommt?']],
  ['German quotes', '„Wir gewinnen“, sagte er. Dann ging er.', ['„Wir gewinnen“, sagte er.', 'Dann ging er.']],
  ['Spanish', '¿Dónde está el Sr. García? ¡No lo sé! Vale.', ['¿Dónde está el Sr. García?', '¡No lo sé!', 'Vale.']],
  ['Chinese', '今天天气很好。我们去公园吧！好吗？', ['今天天气很好。', '我们去公园吧！', '好吗？']],
  ['Japanese with a quote', '「はい。」と彼は言った。東京は晴れです！', ['「はい。」と彼は言った。', '東京は晴れです！']],
  ['mixed CJK and Latin', '他说：“好。”然后走了。 OK.', ['他说：“好。”', '然后走了。', 'OK.']],
  ['empty', '', []],
  ['only spaces', '  \n\n \t ', []],
];

describe('splitSentences', () => {
  it.each(cases)('given %s, returns the whole sentences in order', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('given any text, returns trimmed substrings of it', () => {
    const text = 'Mr. A. B. Jones (aged 42) said: "No." Then, in the U.S., 3.5% fell…\n\nNew para. Done!';
    const out = splitSentences(text);
    for (const s of out) {
      expect(text.includes(s)).toBe(true);
      expect(s).toBe(s.trim());
      expect(s).not.toBe('');
    }
    expect(out.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  describe('adversarial input stays linear', () => {
    it('given one 100,000-word sentence with no punctuation, returns it whole', () => {
      const text = 'word '.repeat(100_000).trim();
      expect(splitSentences(text)).toEqual([text]);
    });

    it('given 100,000 dots, returns a single sentence', () => {
      expect(splitSentences('.'.repeat(100_000))).toEqual(['.'.repeat(100_000)]);
    });

    it('given a megabyte of spaced dots and abbreviations, finishes and keeps every character', () => {
      const text = '. Mr. U.S. a. 1. '.repeat(65_000);
      expect(text.length).toBeGreaterThan(1_000_000);
      const out = splitSentences(text);
      expect(out.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    });

    it('given a megabyte of short sentences, returns each one', () => {
      const out = splitSentences('It rained. '.repeat(100_000));
      expect(out).toHaveLength(100_000);
      expect(out[99_999]).toBe('It rained.');
    });

    it('given a megabyte of question marks and newlines, finishes', () => {
      const text = '?!\n'.repeat(350_000);
      expect(splitSentences(text).join('').length).toBe(700_000);
    });
  });
});
