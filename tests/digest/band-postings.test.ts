import { describe, expect, it } from 'vitest';
import { BandPostings } from '../../src/digest/band-postings.js';

const scanned = (t: BandPostings, key: number, max = 100): number[] => {
  const out: number[] = [];
  t.scan(key, max, (s) => out.push(s));
  return out;
};

describe('BandPostings', () => {
  it('lists the slots filed under a key newest first, at most max of them', () => {
    const t = new BandPostings(() => true);
    for (let s = 0; s < 5; s++) t.add(7, s);
    t.add(0xffffffff, 9);
    expect(scanned(t, 7)).toEqual([4, 3, 2, 1, 0]);
    expect(scanned(t, 7, 2)).toEqual([4, 3]);
    expect(scanned(t, 0xffffffff)).toEqual([9]);
    expect(scanned(t, 8)).toEqual([]);
  });

  it('keeps every key apart through growth (many keys, many postings)', () => {
    const t = new BandPostings(() => true);
    for (let s = 0; s < 3000; s++) for (let b = 0; b < 4; b++) t.add((Math.imul(s % 1000, 2654435761) + b) >>> 0, s);
    expect(scanned(t, (Math.imul(5, 2654435761) + 2) >>> 0)).toEqual([2005, 1005, 5]);
  });

  it('skips removed slots, counting only live ones toward max, and keeps the order when it compacts', () => {
    const gone = new Set<number>();
    const t = new BandPostings((s) => !gone.has(s));
    for (let s = 0; s < 10; s++) t.add(1, s);
    gone.add(9).add(7);
    t.removed(2, 8);
    expect(scanned(t, 1, 3)).toEqual([8, 6, 5]);
    for (const s of [0, 1, 2, 3, 4]) gone.add(s);
    t.removed(5, 3); // now the dead outnumber the live: rebuilt
    expect(scanned(t, 1)).toEqual([8, 6, 5]);
    t.add(1, 10);
    expect(scanned(t, 1)).toEqual([10, 8, 6, 5]);
  });
});
