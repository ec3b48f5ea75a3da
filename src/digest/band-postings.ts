/**
 * LSH band buckets for the story index, in typed arrays: band key → the slots filed under it,
 * newest first. A Map of keys to lists cost about 60 bytes a posting (a heap number for each key
 * above 2^30, a table entry, a small array per shared bucket); here a posting is 12 bytes and a
 * key's table cell 4 (the key itself is read from its newest posting), so 20,000 articles × 32
 * bands take about 17 MB instead of 38.
 *
 * Removal is lazy: the caller says which slots are gone, scans skip them, and the postings are
 * rebuilt once the dead outnumber the live. Pure.
 */

const EMPTY = -1;

export class BandPostings {
  /** Open-addressing table of keys (at most 3/4 full): the newest posting filed under each, EMPTY when unused. */
  private heads = new Int32Array(1024).fill(EMPTY);
  private used = 0;
  /** Postings in the order filed: the key, the slot, the previous posting of the same key. */
  private pKey = new Uint32Array(1024);
  private pSlot = new Int32Array(1024);
  private pNext = new Int32Array(1024);
  private count = 0;
  private dead = 0;

  constructor(private readonly alive: (slot: number) => boolean) {}

  /** Files `slot` under `key`. */
  add(key: number, slot: number): void {
    if (this.count === this.pKey.length) this.growPostings();
    if ((this.used + 1) * 4 > this.heads.length * 3) this.rehash(this.heads.length * 2);
    const b = this.find(key);
    if (this.heads[b] === EMPTY) this.used++;
    const p = this.count++;
    this.pKey[p] = key;
    this.pSlot[p] = slot;
    this.pNext[p] = this.heads[b]!;
    this.heads[b] = p;
  }

  /** Calls `visit` with the live slots under `key`, newest first, at most `max` of them. */
  scan(key: number, max: number, visit: (slot: number) => void): void {
    let p = this.heads[this.find(key)]!;
    for (let n = 0; p !== EMPTY && n < max; p = this.pNext[p]!) {
      const slot = this.pSlot[p]!;
      if (!this.alive(slot)) continue;
      visit(slot);
      n++;
    }
  }

  /** `dead` more slots were removed (`alive` now says so) and `live` remain: rebuilds once the dead outnumber the live. */
  removed(dead: number, live: number): void {
    this.dead += dead;
    if (this.dead > live) this.compact();
  }

  private compact(): void {
    const [key, slot, count] = [this.pKey, this.pSlot, this.count];
    this.heads = new Int32Array(this.heads.length).fill(EMPTY);
    this.used = 0;
    this.pKey = new Uint32Array(Math.max(1024, this.pKey.length));
    this.pSlot = new Int32Array(this.pKey.length);
    this.pNext = new Int32Array(this.pKey.length);
    this.count = 0;
    for (let p = 0; p < count; p++) if (this.alive(slot[p]!)) this.add(key[p]!, slot[p]!);
    this.dead = 0;
  }

  /** The table position of `key`: where it is, or the empty one where it would go. */
  private find(key: number): number {
    const mask = this.heads.length - 1;
    let b = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (let h = this.heads[b]!; h !== EMPTY && this.pKey[h] !== key; h = this.heads[b]!) b = (b + 1) & mask;
    return b;
  }

  private rehash(size: number): void {
    const heads = this.heads;
    this.heads = new Int32Array(size).fill(EMPTY);
    for (const h of heads) if (h !== EMPTY) this.heads[this.find(this.pKey[h]!)] = h;
  }

  private growPostings(): void {
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.pKey = grow(this.pKey, (n) => new Uint32Array(n));
    this.pSlot = grow(this.pSlot, (n) => new Int32Array(n));
    this.pNext = grow(this.pNext, (n) => new Int32Array(n));
  }
}
