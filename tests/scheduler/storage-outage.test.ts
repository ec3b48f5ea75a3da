import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullDiskOps } from '../helpers/full-disk.js';
import { DAY, SUBS, at, minutes, perChat, rig } from './helpers/outage-rig.js';
import type { Rig } from './helpers/outage-rig.js';

describe('a full disk around a delivery slot (lowdb store, real scheduler, virtual clock)', () => {
  let dir: string;
  let r: Rig;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-outage-'));
    r = await rig(join(dir, 'data'), fullDiskOps);
    await r.clock.run(r.scheduler.start(), { io: true });
  });
  afterEach(async () => {
    await r.clock.run(r.scheduler.stop(), { io: true });
    await r.store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given the disk full from 8 s before to 30 s after the slot, every chat gets its digest once when space comes back', async () => {
    Object.assign(r.full, { from: at('07:59:52'), to: at('08:00:30') });
    await minutes(r, '07:59:00', '08:00:00');
    expect(r.sender.sent).toHaveLength(0);
    expect(r.outage()).toMatchObject({ code: 'ENOSPC' });
    await minutes(r, '08:01:00', '08:03:00');
    expect([...perChat(r.sender).values()]).toEqual(Array(SUBS).fill(2));
    const records = (await r.store.listDeliveries()).filter((d) => d.slot === `${DAY}T08:00:00.000Z`);
    expect(records.map((d) => d.status)).toEqual(Array(SUBS).fill('sent'));
    expect(r.outage()).toBeNull();
    expect(r.logs.filter((l) => l.msg.startsWith('storage outage'))).toHaveLength(1);
    expect(r.logs.filter((l) => l.msg === 'storage writable again')).toHaveLength(1);
  });

  it('given the disk filling up in the middle of the sends, retries the record writes and sends no message twice', async () => {
    let sends = 0;
    r.sender.failWith = () => {
      // After the 7th message the disk is full for 30 s: 'sending', messagesSent and 'sent' writes fail.
      if (++sends === 7) Object.assign(r.full, { from: r.clock.now().getTime(), to: r.clock.now().getTime() + 30_000 });
      return null;
    };
    await minutes(r, '08:00:00', '08:02:00');
    expect(r.sender.sent).toHaveLength(2 * SUBS);
    expect([...perChat(r.sender).values()]).toEqual(Array(SUBS).fill(2));
    const records = (await r.store.listDeliveries()).filter((d) => d.slot === `${DAY}T08:00:00.000Z`);
    expect(records.map((d) => d.status)).toEqual(Array(SUBS).fill('sent'));
    expect(records.every((d) => d.messagesSent === 2)).toBe(true);
    const subs = await r.store.listSubscriptions();
    expect(subs.every((s) => s.lastDigestAt === `${DAY}T08:00:00.000Z`)).toBe(true);
  });
});
