import { afterEach, describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/ingest/extract/html.js';
import { extractText } from '../../../src/ingest/extract/text.js';

// Pages and page texts read their dates through the one date parser (src/ingest/dates.ts):
// a date without a zone is UTC, whatever zone the machine runs in.
const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

const body = Array.from({ length: 6 }, (_, i) => `<p>The harbour council met on Tuesday for the ${i + 1}th time this year to weigh a new budget for schools, housing and the tram line along the river, and members spoke for hours.</p>`).join('');

describe('publication dates on pages', () => {
  it.each(['America/New_York', 'Asia/Kolkata'])('reads an HTML meta date without a zone as UTC (TZ=%s)', (zone) => {
    process.env.TZ = zone;
    expect(new Date(2024, 0, 1).getTimezoneOffset()).not.toBe(0);
    const html = `<html><head><title>Council weighs budget</title><meta property="article:published_time" content="2024-03-05T10:00:00"></head><body><article><h1>Council weighs budget</h1>${body}</article></body></html>`;
    expect(extractHtml(html).published).toBe('2024-03-05T10:00:00.000Z');
  });

  it.each(['America/New_York', 'Asia/Kolkata'])('reads a page text date line without a zone as UTC (TZ=%s)', (zone) => {
    process.env.TZ = zone;
    const text = ['Council weighs budget', 'By Ana Ruiz', '5 March 2024 10:00', ...Array.from({ length: 6 }, (_, i) => `The harbour council met on Tuesday for the ${i + 1}th time this year to weigh a new budget for schools, housing and the tram line along the river, and members spoke for hours.`)].join('\n\n');
    expect(extractText(text).published).toBe('2024-03-05T10:00:00.000Z');
  });
});
