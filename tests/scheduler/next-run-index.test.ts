import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NextRunIndex } from '../../src/scheduler/next-run-index.js';

const at = (m: number) => new Date(Date.UTC(2025, 5, 2, 0, m));

describe('NextRunIndex', () => {
  it('given entries, takeDue returns those at or before now, oldest first, once', () => {
    const idx = new NextRunIndex();
    idx.set('b', at(10), 'x');
    idx.set('a', at(5), 'x');
    idx.set('c', at(20), 'x');
    expect(idx.takeDue(at(10)).map((d) => d.id)).toEqual(['a', 'b']);
    expect(idx.takeDue(at(10))).toEqual([]);
    expect(idx.size).toBe(3); // due ones stay indexed until set again
  });

  it('given an entry moved or deleted, ignores its old position', () => {
    const idx = new NextRunIndex();
    idx.set('a', at(5), 'x');
    idx.set('a', at(30), 'y');
    idx.set('b', at(6), 'x');
    idx.delete('b');
    expect(idx.takeDue(at(10))).toEqual([]);
    expect(idx.fingerprint('a')).toBe('y');
    expect(idx.takeDue(at(30)).map((d) => [d.id, d.at.getTime()])).toEqual([['a', at(30).getTime()]]);
  });

  it('matches a plain map under any sequence of sets, deletes and takes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 0, max: 20 }), m: fc.integer({ min: 0, max: 500 }) }),
      fc.record({ kind: fc.constant('del' as const), id: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('take' as const), m: fc.integer({ min: 0, max: 500 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const idx = new NextRunIndex();
      const model = new Map<string, number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          idx.set(`s${o.id}`, at(o.m), '');
          model.set(`s${o.id}`, o.m);
        } else if (o.kind === 'del') {
          idx.delete(`s${o.id}`);
          model.delete(`s${o.id}`);
        } else {
          const got = idx.takeDue(at(o.m)).map((d) => d.id).sort();
          const want = [...model].filter(([, m]) => m <= o.m).map(([id]) => id).sort();
          expect(got).toEqual(want);
          for (const id of want) model.set(id, Infinity); // taken: not due again until set
        }
      }
    }), { numRuns: 200 });
  });
});
