/**
 * Bench 4: ingest of 20,000 articles with analysis and stories: the built `newsbot ingest <folder>`
 * (dist/cli.js, built first) in its own process on a fresh lowdb data folder, as a user runs it.
 * Input: synthetic articles (bench/digest.bench.ts's generator, 2–4 KB each, ~30 % in multi-source
 * events) written as JSON files of 200, their dates moved to the last 25 hours before now (the CLI
 * keeps stories on the system clock). Timed from spawn to exit (start-up included); peak RSS is
 * the process's own (bench/lib/max-rss.mjs). Bounds: ≥ 500 articles/s, peak RSS ≤ 300 MB. Also: the
 * data folder's size per 1,000 articles (articles with their analyses, stories).
 *
 * With BENCH_STORE=postgres the same run goes into a throwaway PostgreSQL database
 * (NEWSBOT_DATABASE_URL; the server of tests/helpers/postgres.ts), sizes on disk then not printed.
 *
 *   npm run bench -- ingest        (BENCH_ARTICLES for fewer, BENCH_NODE_FLAGS to try V8 flags, BENCH_STORE=postgres)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticArticles } from './digest.bench.js';
import { BENCH_NOW } from './lib/corpus.js';
import { loadAverage } from './lib/measure.js';
import { openStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createTestDatabase } from '../tests/helpers/postgres.js';

const N = Number(process.env.BENCH_ARTICLES ?? 20_000);
const PER_FILE = 200;
const RATE_BOUND = 500;
const RSS_BOUND_MB = 300;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

interface Run {
  ms: number;
  maxRssMb: number;
  summary: string;
  added: number;
}

/** `newsbot ingest <input>` into `dataDir` (or the database at `databaseUrl`), timed from spawn to exit. */
function ingest(input: string, dataDir: string, databaseUrl: string | null): Promise<Run> {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const args = [...flags, '--import', join(ROOT, 'bench', 'lib', 'max-rss.mjs'), join(ROOT, 'dist', 'cli.js'), 'ingest', input];
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, NEWSBOT_DATA: dataDir, ...(databaseUrl ? { NEWSBOT_DATABASE_URL: databaseUrl } : {}) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      const ms = performance.now() - t;
      const lines = err.trim().split('\n');
      const rss = JSON.parse(lines.at(-1) ?? '{}') as { maxRssKb?: number };
      const summary = lines.find((l) => l.startsWith('ingested ')) ?? '';
      const added = Number(/(\d+) added/.exec(summary)?.[1] ?? NaN);
      if (code !== 0 || !rss.maxRssKb || !Number.isFinite(added)) reject(new Error(`newsbot ingest exited ${code}: ${lines.slice(-5).join(' | ')}`));
      else resolve({ ms, maxRssMb: rss.maxRssKb / 1024, summary, added });
    });
  });
}

export default async function run(): Promise<boolean> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const root = await mkdtemp(join(tmpdir(), 'newsbot-ingest-bench-'));
  try {
    const input = join(root, 'input', 'Synthetic Wire');
    await mkdir(input, { recursive: true });
    const articles = syntheticArticles(N, 7);
    const shift = Date.now() - 3_600_000 - BENCH_NOW.getTime();
    let inputBytes = 0;
    for (let i = 0; i < N; i += PER_FILE) {
      const items = articles.slice(i, i + PER_FILE).map((a) => ({
        title: a.title, text: a.text, url: a.url, published: new Date(Date.parse(a.published!) + shift).toISOString(), source: a.source,
      }));
      const json = JSON.stringify(items);
      inputBytes += json.length;
      await writeFile(join(input, `${String(i / PER_FILE).padStart(4, '0')}.json`), json);
    }
    const dataDir = join(root, 'data');
    const db = process.env.BENCH_STORE === 'postgres' ? await createTestDatabase('ingest_bench') : null;
    try {
      const load = await loadAverage();
      const r = await ingest(input, dataDir, db?.url ?? null);
      const store = db ? await openPostgresStore(db.url) : await openStore(dataDir);
      const stories = (await store.listStories()).length;
      await store.close();
      const rate = (r.added / r.ms) * 1000;
      const ok = rate >= RATE_BOUND && r.maxRssMb <= RSS_BOUND_MB;
      console.log(`${load} (at the start)`);
      console.log(`newsbot ingest of ${N} articles (${(inputBytes / 1048576).toFixed(0)} MB of JSON files) into ${db ? 'PostgreSQL' : 'lowdb'}: ${r.summary.replace(/^ingested /, '')}; ${stories} stories`);
      console.log(`  ${(r.ms / 1000).toFixed(1)} s: ${rate.toFixed(0)} articles/s with analysis and stories vs bound ${RATE_BOUND} (${(rate / RATE_BOUND).toFixed(2)}× the bound)`);
      console.log(`  peak RSS ${r.maxRssMb.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB, ${(r.maxRssMb / RSS_BOUND_MB).toFixed(2)}×)`);
      if (!db) {
        const bytes = await folderBytes(dataDir);
        const perK = (dir: string) => folderBytes(join(dataDir, dir)).then((b) => (b / (r.added / 1000) / 1048576).toFixed(2));
        console.log(`  on disk: ${(bytes / (r.added / 1000) / 1048576).toFixed(2)} MB per 1,000 articles (articles with analyses ${await perK('articles')} MB, stories ${await perK('stories')} MB); input ${(inputBytes / N / 1024).toFixed(1)} KB an article`);
      }
      console.log(`targets: ${ok ? 'met' : 'MISSED'}`);
      return ok;
    } finally {
      await db?.drop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
