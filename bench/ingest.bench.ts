/**
 * Bench 4: ingest of 20,000 articles with analysis and stories, as `newsbot ingest <folder>` runs it
 * (files read one at a time, stored in batches), in a child process on the lowdb store. Input:
 * synthetic articles (bench/digest.bench.ts's generator, 2–4 KB each, ~30 % in multi-source events)
 * written as JSON files of 200. Bounds: ≥ 500 articles/s, peak RSS ≤ 300 MB. Also: the data
 * folder's size per 1,000 articles (articles with their analyses, stories).
 *
 *   npm run bench -- ingest
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticArticles } from './digest.bench.js';
import { BENCH_NOW } from './lib/corpus.js';
import { loadAverage } from './lib/measure.js';

const N = 20_000;
const PER_FILE = 200;
const RATE_BOUND = 500;
const RSS_BOUND_MB = 300;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'lib', 'ingest-child.ts');

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

function runChild(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`ingest child exited ${code}`))));
  });
}

export default async function run(): Promise<boolean> {
  const root = await mkdtemp(join(tmpdir(), 'newsbot-ingest-bench-'));
  try {
    const input = join(root, 'input', 'Synthetic Wire');
    await mkdir(input, { recursive: true });
    const articles = syntheticArticles(N, 7);
    let inputBytes = 0;
    for (let i = 0; i < N; i += PER_FILE) {
      const items = articles.slice(i, i + PER_FILE).map((a) => ({ title: a.title, text: a.text, url: a.url, published: a.published, source: a.source }));
      const json = JSON.stringify(items);
      inputBytes += json.length;
      await writeFile(join(input, `${String(i / PER_FILE).padStart(4, '0')}.json`), json);
    }
    const dataDir = join(root, 'data');
    const r = await runChild([input, dataDir, BENCH_NOW.toISOString()]);
    const rate = (r.added! / r.ms!) * 1000;
    const bytes = await folderBytes(dataDir);
    const perK = (dir: string) => folderBytes(join(dataDir, dir)).then((b) => (b / (r.added! / 1000) / 1048576).toFixed(2));
    const ok = rate >= RATE_BOUND && r.maxRssMb! <= RSS_BOUND_MB;
    console.log(`${await loadAverage()}`);
    console.log(`ingest of ${N} articles (${(inputBytes / 1048576).toFixed(0)} MB of JSON files): added ${r.added}, duplicates ${r.duplicates}, failed ${r.failed}, ${r.stories} stories`);
    console.log(`  ${(r.ms! / 1000).toFixed(1)} s: ${rate.toFixed(0)} articles/s with analysis and stories vs bound ${RATE_BOUND} (${(rate / RATE_BOUND).toFixed(2)}× the bound)`);
    console.log(`  peak RSS ${r.maxRssMb!.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
    console.log(`  on disk: ${(bytes / (r.added! / 1000) / 1048576).toFixed(2)} MB per 1,000 articles (articles with analyses ${await perK('articles')} MB, stories ${await perK('stories')} MB); input ${(inputBytes / N / 1024).toFixed(1)} KB an article`);
    console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
    return ok;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
