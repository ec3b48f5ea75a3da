import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalPagetext, longestRunBaseline } from '../../src/eval/pagetext.js';

const body = [
  'The harbour authority said on Monday that the new pier will open in June, two months later than planned, because of damage from the winter storms.',
  'Engineers found cracks in two of the concrete piles last month, and the contractor has agreed to replace them at its own cost, the authority said.',
  'Ferry operators said the delay would not change their summer timetables, since the old landing stage can take the larger boats until then.',
];
const page = ['Home', 'Harbour news', 'Sign in', 'New pier delayed until June', 'By Tom Lee', ...body, 'About us', 'Contact'].join('\n');

describe('evalPagetext', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'newsbot-pagetext-'));
    await mkdir(join(root, 'pagetext'));
    await writeFile(join(root, 'pagetext', 'a.txt'), page);
    await writeFile(join(root, 'pagetext-truth.json'), JSON.stringify({ a: { articleBody: body.join('\n\n'), url: 'https://x.example/a' } }));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('given a page text and its truth, scores ours exactly and the whole page lower, in one run', async () => {
    const r = await evalPagetext(join(root, 'pagetext'), join(root, 'pagetext-truth.json'));
    expect(r.all.pages).toBe(1);
    expect(r.all.ours.f1).toBe(1);
    expect(r.all.wholePage.precision).toBeLessThan(1);
    expect(r.all.wholePage.recall).toBe(1);
    expect(r.train.pages + r.heldOut.pages).toBe(1);
  });

  it('given lines of every length, the longest-run baseline returns the longest run of 12+ word lines', () => {
    const long = (w: string): string => Array.from({ length: 12 }, () => w).join(' ');
    expect(longestRunBaseline(['Menu', long('a'), 'Share', long('b'), long('c'), 'End'].join('\n'))).toBe(`${long('b')}\n${long('c')}`);
  });
});
