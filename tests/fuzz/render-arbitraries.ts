import fc from 'fast-check';
import type { Digest, Story } from '../../src/digest/types.js';

/** Pieces a hostile or merely unlucky article could contain. */
const HOSTILE = [
  '<script>alert(1)</script>', '&', '&amp;', '&lt;', '<b>', '</i>', '<a href="x">', '<', '>', '"', "'",
  '@everyone', '@here', '<@123456789>', '<@!1>', '<@&987>', '<#42>', '</cmd:1>',
  '**bold**', '__u__', '~~s~~', '||spoiler||', '[x](https://evil.example)', '# Heading', '> quote', '`code`', '```', '\\', '- item', '1. item',
  '\u202Eevil\u202C', '\u2066', '\u2069', '\u200F', '\u200E', '😀', '👨‍👩‍👧', '𝕏', '\uD83D', '\u0000', '\u001b[31m', '\u0085', '\t', '\r\n',
  'word', 'news', ' ', '  ', '\n', '. ', 'A sentence here.', 'Ünïcødé', '中文标题',
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { maxLength: 40 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 10_000 }).map((n) => 'Long words and more words. '.repeat(Math.ceil(n / 27)).slice(0, n)) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), '😀'.repeat(5000), '&<>'.repeat(3000), '@everyone '.repeat(900)) },
);

const url = fc.oneof(
  fc.constant(null),
  fc.webUrl(),
  fc.constantFrom('javascript:alert(1)', 'https://ex.example/a_(b)?q="<x>"&y=1', 'not a url', `https://ex.example/${'p'.repeat(3000)}`),
);

export const story: fc.Arbitrary<Story> = fc.record({
  id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 }),
  title: hostileText,
  summary: fc.array(hostileText, { maxLength: 6 }),
  sources: fc.array(fc.record({ name: hostileText, url, title: hostileText }), { maxLength: 6 }),
  articles: fc.integer({ min: 1, max: 60 }),
  updated: fc.constant('2026-11-28T07:30:00.000Z'),
});

export const digest: fc.Arbitrary<Digest> = fc.record({
  generatedAt: fc.constant('2026-11-28T08:00:00.000Z'),
  window: fc.constant({ from: '2026-11-27T08:00:00.000Z', to: '2026-11-28T08:00:00.000Z' }),
  stories: fc.array(story, { maxLength: 25 }),
  topics: fc.array(hostileText, { maxLength: 3 }),
});

/** Runs per property: quick by default, FUZZ_RUNS=2000 for `npm run fuzz`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 100) || 100;
