/**
 * Delivery records in partitions by the day of their slot and a bucket of their subscription,
 * `deliveries/YYYY-MM-DD.NN.json`. They are small (one per subscription and scheduled time), so all
 * partitions are loaded at open. A put writes only its own bucket: with 10,000 subscriptions due at
 * the same minute, every record written before and after each message rewrites 1/16 of the day.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryRecord } from '../model.js';
import type { FileOps } from './json-file-adapter.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { isExpired, utcDay } from './partitions.js';
import { copyRecord, sortNewestSlotFirst } from './query.js';
import { assertRecord, checkDelivery } from './schema.js';
import { StoreError } from './store-error.js';
import { removeFile } from './folder.js';
import { bucketOf } from './key-buckets.js';

/** Subscriptions per day are spread over this many files. */
export const DELIVERY_BUCKETS = 16;
/** `YYYY-MM-DD.NN.json` (or a plain day file), capturing the part id. */
const PART_FILE = /^(\d{4}-\d{2}-\d{2}(?:\.\d{2})?)\.json$/;

/** The part a record lives in: its slot's UTC day and its subscription's bucket. */
export function deliveryPart(record: Pick<DeliveryRecord, 'slot' | 'subscriptionId'>): string {
  return `${utcDay(record.slot)}.${bucketOf(record.subscriptionId, DELIVERY_BUCKETS)}`;
}

async function listParts(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).flatMap((n) => PART_FILE.exec(n)?.[1] ?? []).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StoreError(`cannot list ${dir} (${(err as Error).message})`, { file: dir, cause: err });
  }
}

const DELIVERIES: RecordKind<DeliveryRecord> = { field: 'deliveries', keyName: 'key', keyOf: (d) => d.key, check: checkDelivery };

export class DeliveryPartitions {
  private readonly index = new Map<string, string>();
  private readonly parts = new Map<string, RecordFile<DeliveryRecord>>();

  private constructor(
    private readonly dir: string,
    private readonly ops: FileOps,
  ) {}

  static async open(dir: string, ops: FileOps): Promise<DeliveryPartitions> {
    const d = new DeliveryPartitions(dir, ops);
    for (const day of await listParts(dir)) {
      const file = await RecordFile.load(d.fileOf(day), DELIVERIES, { ops, mustExist: true });
      for (const key of file.keys()) {
        const other = d.index.get(key);
        if (other !== undefined) {
          throw new StoreError(
            `delivery ${key} is stored in both ${d.fileOf(other)} and ${file.file}; remove it from one of them (newsbot will not choose for you)`,
            { file: file.file },
          );
        }
        d.index.set(key, day);
      }
      d.parts.set(day, file);
    }
    return d;
  }

  /** The part a stored record is in. */
  partOf(key: string): string | undefined {
    return this.index.get(key);
  }

  get(key: string): DeliveryRecord | null {
    const day = this.index.get(key);
    const r = day === undefined ? undefined : this.parts.get(day)?.get(key);
    return r ? copyRecord(r) : null;
  }

  /** Durable when it resolves. A record whose slot moved to another day is written there first, then removed from the old day. */
  async put(record: DeliveryRecord): Promise<void> {
    assertRecord('delivery record', checkDelivery, record, 'key');
    const day = deliveryPart(record);
    const old = this.index.get(record.key);
    const file = this.parts.get(day) ?? RecordFile.fresh(this.fileOf(day), DELIVERIES, this.ops);
    await file.commit([copyRecord(record)]);
    this.parts.set(day, file);
    this.index.set(record.key, day);
    if (old !== undefined && old !== day) await this.parts.get(old)?.commit([], [record.key]);
  }

  /**
   * New records in bulk, one write per partition they touch. Records already stored go through
   * `put`, so a slot that moved day is handled the same way.
   */
  async putMany(records: readonly DeliveryRecord[]): Promise<void> {
    const byPart = new Map<string, DeliveryRecord[]>();
    for (const record of records) {
      assertRecord('delivery record', checkDelivery, record, 'key');
      if (this.index.has(record.key)) {
        await this.put(record);
        continue;
      }
      const part = deliveryPart(record);
      const list = byPart.get(part) ?? [];
      list.push(copyRecord(record));
      byPart.set(part, list);
    }
    for (const [part, list] of byPart) {
      const file = this.parts.get(part) ?? RecordFile.fresh(this.fileOf(part), DELIVERIES, this.ops);
      await file.commit(list);
      this.parts.set(part, file);
      for (const r of list) this.index.set(r.key, part);
    }
  }

  /** Newest slot first, optionally for one subscription, at most `limit`. */
  list(subscriptionId?: string, limit?: number): DeliveryRecord[] {
    if (limit !== undefined) limit = Math.max(0, limit);
    const out: DeliveryRecord[] = [];
    const days = [...new Set([...this.parts.keys()].map((p) => p.slice(0, 10)))].sort().reverse();
    for (const day of days) {
      if (limit !== undefined && out.length >= limit) break;
      const mine: DeliveryRecord[] = [];
      for (const [part, file] of this.parts) {
        if (part.startsWith(day)) mine.push(...file.list().filter((d) => subscriptionId === undefined || d.subscriptionId === subscriptionId));
      }
      out.push(...sortNewestSlotFirst(mine));
    }
    return out.slice(0, limit).map(copyRecord);
  }

  /** Deletes whole days that lie entirely before the cutoff. */
  async prune(now: Date, retentionDays: number): Promise<void> {
    for (const [day, file] of [...this.parts]) {
      if (!isExpired(day.slice(0, 10), now, retentionDays)) continue;
      await removeFile(file.file, this.ops);
      for (const key of file.keys()) if (this.index.get(key) === day) this.index.delete(key);
      this.parts.delete(day);
    }
  }

  private fileOf(day: string): string {
    return join(this.dir, `${day}.json`);
  }
}
