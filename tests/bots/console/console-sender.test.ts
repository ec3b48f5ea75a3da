import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleSender } from '../../../src/bots/console/console-sender.js';
import type { Digest } from '../../../src/digest/types.js';

describe('console sender', () => {
  it('renders a scheduled digest as text and prints it', async () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (d: Buffer) => (written += d.toString()));
    const sender = consoleSender(out);
    const digest: Digest = {
      generatedAt: '2026-11-28T08:00:00Z', window: { from: '2026-11-27T08:00:00Z', to: '2026-11-28T08:00:00Z' }, topics: [],
      stories: [{ id: 'a', title: 'Bridge reopens', summary: ['The bridge reopened on Saturday.'], sources: [{ name: 'Gazette', url: 'https://g.example/a', title: 'Bridge reopens' }], articles: 1, updated: '2026-11-28T07:00:00Z' }],
    };
    const messages = sender.render(digest, 'No new stories.');
    expect(messages).toHaveLength(1);
    await sender.send('console', messages[0]!);
    expect(written).toContain('scheduled digest');
    expect(written).toContain('Bridge reopens');
    expect(sender.render({ ...digest, stories: [] }, 'No new stories since yesterday.')).toEqual(['No new stories since yesterday.']);
  });
});
