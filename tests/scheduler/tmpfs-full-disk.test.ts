/**
 * The same outage on a real full disk: a 2 MB tmpfs filled up before the slot and freed after.
 * Needs root (mount); skipped cleanly where mounting is not permitted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY, SUBS, minutes, perChat, rig } from './helpers/outage-rig.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'newsbot-tmpfs-'));
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Writes filler until the file system says ENOSPC. */
function fillDisk(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(4 * 1024 * 1024, 1));
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  }
}

describe.skipIf(!mounted)('a really full disk (tmpfs) around a delivery slot', () => {
  afterAll(() => {
    execFileSync('umount', [mountPoint], { stdio: 'ignore' });
  });

  it('given the disk full over the slot, all 20 chats get their digest once after space comes back, service still running', async () => {
    const r = await rig(join(mountPoint, 'data'));
    try {
      await r.clock.run(r.scheduler.start(), { io: true });
      await minutes(r, '07:58:00', '07:59:00');
      const filler = join(mountPoint, 'filler');
      fillDisk(filler);
      await minutes(r, '08:00:00', '08:00:00');
      expect(r.sender.sent).toHaveLength(0);
      expect(r.outage()).toMatchObject({ code: 'ENOSPC' });
      rmSync(filler);
      await minutes(r, '08:01:00', '08:02:00');
      expect([...perChat(r.sender).values()]).toEqual(Array(SUBS).fill(2));
      const records = (await r.store.listDeliveries()).filter((d) => d.slot === `${DAY}T08:00:00.000Z`);
      expect(records.map((d) => d.status)).toEqual(Array(SUBS).fill('sent'));
      expect(r.outage()).toBeNull();
    } finally {
      await r.clock.run(r.scheduler.stop(), { io: true });
      await r.store.close();
    }
  });
});

afterAll(() => rmSync(mountPoint, { recursive: true, force: true }));
