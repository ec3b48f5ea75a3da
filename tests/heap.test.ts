import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, heapGrowthGiven } from '../src/heap.js';

describe('heap growth cap', () => {
  it('sees a growth setting given to node on its command line or in NODE_OPTIONS, in either spelling', () => {
    expect(heapGrowthGiven(['--heap-growing-percent=50'], undefined)).toBe(true);
    expect(heapGrowthGiven([], '--max-old-space-size=512 --heap_growing_percent=80')).toBe(true);
    expect(heapGrowthGiven(['--max-old-space-size=512'], '--enable-source-maps')).toBe(false);
    expect(heapGrowthGiven([], undefined)).toBe(false);
  });

  it('leaves a setting given to node alone and applies its own otherwise', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=50'], undefined)).toBe(false);
    expect(boundHeapGrowth([], '')).toBe(true);
  });
});
