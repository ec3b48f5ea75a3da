import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { digestCommand } from '../../src/cli/digest-cmd.js';
import { article, feed, NOW } from '../store/fixtures.js';

afterEach(() => vi.restoreAllMocks());

describe('newsbot digest (in-process)', () => {
  it('applies the same scope filter as chat digests: a feed one chat added stays out of the global digest', async () => {
    const store = createMemoryStore();
    await store.putFeed(feed({ id: 'global-feed', scope: 'global' }));
    await store.putFeed(feed({ id: 'chat-feed', url: 'https://other.example/rss', scope: 'telegram:42' }));
    await store.addArticles([
      article({ title: 'Harbour bridge reopens after repairs', feedId: 'global-feed' }),
      article({ title: 'Secret club meeting moved to Friday', feedId: 'chat-feed', source: 'club' }),
    ]);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    await digestCommand(store, { since: '24h', max: '10', format: 'json', timezone: 'UTC' }, NOW);
    expect(out).toContain('Harbour bridge reopens');
    expect(out).not.toContain('Secret club meeting');
  });
});
