import { afterEach, describe, expect, it } from 'vitest';
import { isoDate, parseDate, publicationDate } from '../../src/ingest/dates.js';

const iso = (raw: string): string | null => isoDate(raw);

describe('parseDate (the one date parser)', () => {
  it.each([
    ['Sat, 28 Nov 2026 10:00:00 GMT', '2026-11-28T10:00:00.000Z'],
    ['Fri, 27 Nov 2026 09:30:00 +0100', '2026-11-27T08:30:00.000Z'],
    ['Sun, 16 Dec 2012 01:02 GMT', '2012-12-16T01:02:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 +0000 (UTC)', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 GMT+0100', '2003-06-10T03:00:00.000Z'],
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['December 31, 2003 10:00 PM EST', '2004-01-01T03:00:00.000Z'],
    ['31st December 2003', '2003-12-31T00:00:00.000Z'],
    ['2026-11-28T09:00:00.123456+05:30', '2026-11-28T03:30:00.123Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31 10:14:55 EST', '2003-12-31T15:14:55.000Z'],
    ['2003-365', '2003-12-31T00:00:00.000Z'],
    ['2004-06', '2004-06-01T00:00:00.000Z'],
  ])('reads %s', (raw, want) => {
    expect(iso(raw)).toBe(want);
  });

  it.each([
    ['03-12-31', '2003-12-31T00:00:00.000Z'],
    ['031231', '2003-12-31T00:00:00.000Z'],
    ['03-12-31T10:00Z', '2003-12-31T10:00:00.000Z'],
    ['Wed, 31 Dec 03 10:00:00 GMT', '2003-12-31T10:00:00.000Z'],
    ['Wed, 06-Feb-08 21:01:38 GMT', '2008-02-06T21:01:38.000Z'],
    ['Fri, 31 Dec 99 10:00:00 GMT', '1999-12-31T10:00:00.000Z'],
    // Old Java's getYear(): three digits are years since 1900 (RFC 2822 4.3).
    ['Mon, 30 Nov 126 10:00:00 GMT', '2026-11-30T10:00:00.000Z'],
  ])('reads the two- or three-digit year of %s (RFC 2822 rule: 00–49 is 20xx)', (raw, want) => {
    expect(iso(raw)).toBe(want);
  });

  it.each([
    ['EST', '15:00'], ['EDT', '14:00'], ['CST', '16:00'], ['CDT', '15:00'], ['MST', '17:00'], ['MDT', '16:00'],
    ['PST', '18:00'], ['PDT', '17:00'], ['ET', '15:00'], ['CT', '16:00'], ['MT', '17:00'], ['PT', '18:00'],
    ['MET', '09:00'], ['CET', '09:00'], ['Z', '10:00'], ['UT', '10:00'], ['A', '11:00'], ['N', '09:00'], ['Y', '22:00'],
    ['Etc/GMT', '10:00'], ['Etc/GMT+5', '15:00'], ['Etc/GMT-10', '00:00'],
  ])('reads the obsolete or named zone %s', (zone, utc) => {
    // Etc/GMT±n has POSIX signs: Etc/GMT+5 is five hours behind UTC, like EST.
    const t = iso(`Wed, 31 Dec 2003 10:00:00 ${zone}`);
    expect(t?.slice(11, 16)).toBe(utc);
  });

  it.each(['Sun, 16 Dec 2012 1:2:3:4 GMT', '2012-12-16T1:2:3:4Z', 'Sun, 31 Dec 9999 23:59:59 -9999', '2003-02-30', 'Mon, 32 Jan 2004 10:00 GMT',
    '2004-01-01T25:00:00Z', 'garbage', 'Mon, 20 Dec 2004 19:35:44 XYZ', '12', '', 'yesterday'])('refuses %j (null)', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });

  it('reads year 0 as year 0, not 2000', () => {
    expect(iso('Sat, 01 Jan 0 00:00:00 GMT')).toBe('0000-01-01T00:00:00.000Z');
    expect(iso('0000-01-01T00:00:00Z')).toBe('0000-01-01T00:00:00.000Z');
  });

  describe('with the machine in another zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each(['America/New_York', 'Asia/Kolkata'])('reads a date without a zone as UTC (TZ=%s)', (zone) => {
      process.env.TZ = zone;
      // The test can fail: the machine's zone really is not UTC now.
      expect(new Date(2003, 11, 31).getTimezoneOffset()).not.toBe(0);
      expect(iso('2003-12-31T10:14:55')).toBe('2003-12-31T10:14:55.000Z');
      expect(iso('2003-12-31')).toBe('2003-12-31T00:00:00.000Z');
      expect(iso('Wed, 31 Dec 2003 10:14:55')).toBe('2003-12-31T10:14:55.000Z');
      expect(iso('December 31, 2003')).toBe('2003-12-31T00:00:00.000Z');
    });
  });
});

describe('publicationDate (the date rule)', () => {
  const fetched = new Date('2026-12-03T11:00:00Z');
  it('keeps a date between 1990-01-01 and a day after the fetch time', () => {
    expect(publicationDate('1990-01-01T00:00:00Z', fetched)).toBe('1990-01-01T00:00:00.000Z');
    expect(publicationDate('2026-12-04T10:59:00Z', fetched)).toBe('2026-12-04T10:59:00.000Z');
  });
  it.each(['Sat, 01 Jan 0 00:00:00 GMT', '0000-01-01T00:00:00Z', '1989-12-31T23:59:59Z', '2026-12-04T11:00:01Z', '2200-01-01', 'not a date', ''])('is null for %j', (raw) => {
    expect(publicationDate(raw, fetched)).toBeNull();
  });
});
