/**
 * `npm run bench`: runs every bench/*.ts module (each exports a default async function that prints
 * its own table of medians and ratios), or only those named on the command line.
 * Benchmarks read evaluation pages from ../shared when present; they never copy them.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { boundHeapGrowth } from '../src/heap.js';

// The benchmarks stand for a newsbot process, which caps its heap growth at start (src/heap.ts).
boundHeapGrowth();

const here = dirname(fileURLToPath(import.meta.url));
const wanted = new Set(process.argv.slice(2));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.size === 0 || wanted.has(basename(f, '.bench.ts')))
  .sort();

let failed = false;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<boolean | void> };
  console.log(`\n## ${basename(f, '.bench.ts')}`);
  const ok = await mod.default();
  if (ok === false) failed = true;
}
if (failed) {
  console.log('\nat least one benchmark missed its target');
  process.exitCode = 1;
}
