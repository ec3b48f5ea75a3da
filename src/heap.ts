/**
 * How far the heap may grow past what the last full collection kept. V8's default lets it grow up
 * to 4× when its concurrent marking falls behind the program, which is what happens on a busy
 * machine: the same ingest of 20,000 articles peaked anywhere from 310 to 500 MB depending on the
 * load. Capped at 30 %, it stays within ~1.3× of what newsbot holds, for a few per cent more
 * collection work. Set once at start for every command and the service; a `--heap-growing-percent`
 * given to node (command line or NODE_OPTIONS) wins.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

/** Whether node was already told how far to grow the heap. */
export function heapGrowthGiven(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
}

/** Applies the cap unless node was given its own; returns whether it did. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS): boolean {
  if (heapGrowthGiven(execArgv, nodeOptions)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
