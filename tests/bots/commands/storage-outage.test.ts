import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandHandler } from '../../../src/bots/commands/router.js';
import type { CommandHandler, CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import { openStore } from '../../../src/store/lowdb-store.js';
import { watchStorage } from '../../../src/store/storage-health.js';
import type { Store } from '../../../src/store/store.js';
import { createLogger } from '../../../src/log.js';
import { fullDiskOps } from '../../helpers/full-disk.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const request = (command: string, args: string[] = []): CommandRequest => ({
  platform: 'telegram', chatId: '42', scope: '42', chatType: 'private', userId: '42', isAdmin: true, command, args, now: NOW,
});
const text = (r: Reply): string => (r.kind === 'text' ? r.lines.join('\n') : r.kind === 'error' ? r.text : '');

describe('commands during a storage outage (lowdb store on a disk that is full)', () => {
  let dir: string;
  let store: Store;
  let handle: CommandHandler;
  let full = false;
  const logs: { level: string; msg: string }[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-cmd-outage-'));
    const log = createLogger({ level: 'debug', json: true, write: (l) => logs.push(JSON.parse(l) as { level: string; msg: string }), now: () => NOW });
    const health = watchStorage(await openStore(join(dir, 'data'), { fs: fullDiskOps(() => full) }), { log, now: () => NOW });
    store = health.store;
    handle = createCommandHandler({
      store, storage: health, log,
      config: { timezone: 'UTC', maxStories: 10, maxWindowHours: 24, retentionDays: 30 },
      readUrl: () => Promise.reject(new Error('no network in this test')),
      fetcher: () => Promise.reject(new Error('no network in this test')),
      nextRun: (_sub, after) => new Date(after.getTime() + 3_600_000),
    });
  });
  afterEach(async () => {
    full = false;
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /subscribe with "storage is full or read-only, try again later", shows it in /status, and works again after', async () => {
    full = true;
    const refused = await handle(request('subscribe', ['07:17', 'UTC']));
    expect(refused).toMatchObject({ kind: 'error' });
    expect(text(refused)).toMatch(/storage is full or read-only.*try again later/i);
    expect(text(await handle(request('status')))).toMatch(/^Storage: writes failing since 0 min ago \(ENOSPC\)/);
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([expect.stringMatching(/^storage outage/)]);

    full = false;
    expect(text(await handle(request('subscribe', ['07:17', 'UTC'])))).toMatch(/^Subscribed/);
    expect(text(await handle(request('status')))).not.toMatch(/Storage:/);
    expect((await store.getSubscription('telegram:42'))?.active).toBe(true);
  });
});
