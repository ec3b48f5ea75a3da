/** File calls that fail as a full disk does while `full()` says so: a partial temp file, then ENOSPC. */
import { nodeFileOps } from '../../src/store/json-file-adapter.js';
import type { FileOps, FileText } from '../../src/store/json-file-adapter.js';

export function fullDiskOps(full: () => boolean): FileOps & { failures: number } {
  const ops = {
    ...nodeFileOps,
    failures: 0,
    async writeNew(path: string, data: FileText) {
      if (!full()) return nodeFileOps.writeNew(path, data);
      ops.failures++;
      await nodeFileOps.writeNew(path, [data].flat().join('').slice(0, 10));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
    },
  };
  return ops;
}
