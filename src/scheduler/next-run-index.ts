/**
 * In-memory index of each subscription's next slot, so a scheduler tick costs O(due · log n)
 * instead of recomputing every subscription's schedule. A binary min-heap with lazy deletion:
 * changing or removing an entry leaves the old heap node behind, ignored when it surfaces.
 */

interface Node {
  at: number;
  id: string;
  version: number;
}

/** Next-run times by subscription id, ordered for "what is due by now?". */
export class NextRunIndex {
  private readonly heap: Node[] = [];
  private readonly current = new Map<string, { at: number; version: number; fingerprint: string }>();
  private versions = 0;

  get size(): number {
    return this.current.size;
  }

  /** The fingerprint stored with an id (what its next run was computed from), if indexed. */
  fingerprint(id: string): string | undefined {
    return this.current.get(id)?.fingerprint;
  }

  /** Sets (or replaces) the next run of `id`; `at` null removes it. */
  set(id: string, at: Date | null, fingerprint: string): void {
    if (at === null) {
      this.current.delete(id);
      return;
    }
    const version = ++this.versions;
    this.current.set(id, { at: at.getTime(), version, fingerprint });
    this.push({ at: at.getTime(), id, version });
  }

  delete(id: string): void {
    this.current.delete(id);
  }

  has(id: string): boolean {
    return this.current.has(id);
  }

  ids(): IterableIterator<string> {
    return this.current.keys();
  }

  /** Every id whose next run is at or before `now`, with that time; they stay indexed until `set` again. */
  takeDue(now: Date): { id: string; at: Date }[] {
    const limit = now.getTime();
    const due: { id: string; at: Date }[] = [];
    for (let top = this.heap[0]; top !== undefined && top.at <= limit; top = this.heap[0]) {
      this.pop();
      const cur = this.current.get(top.id);
      if (cur && cur.version === top.version) due.push({ id: top.id, at: new Date(top.at) });
    }
    return due;
  }

  /** Next runs of every indexed id. */
  snapshot(): Map<string, Date> {
    return new Map([...this.current].map(([id, c]) => [id, new Date(c.at)]));
  }

  private push(node: Node): void {
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as Node;
      if (p.at <= node.at) break;
      h[i] = p;
      i = parent;
    }
    h[i] = node;
    // Stale nodes pile up when entries change often; rebuild once they dominate.
    if (h.length > 64 && h.length > 4 * this.current.size) this.rebuild();
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      let sv = last.at;
      const ln = h[l];
      const rn = h[r];
      if (ln && ln.at < sv) { smallest = l; sv = ln.at; }
      if (rn && rn.at < sv) smallest = r;
      if (smallest === i) break;
      h[i] = h[smallest] as Node;
      i = smallest;
    }
    h[i] = last;
  }

  private rebuild(): void {
    const live = [...this.current].map(([id, c]) => ({ at: c.at, id, version: c.version }));
    live.sort((a, b) => a.at - b.at); // a sorted array is a valid min-heap
    this.heap.length = 0;
    this.heap.push(...live);
  }
}
