/**
 * Runs one `ingest` of a folder into a data folder in its own process (so its peak RSS is its own),
 * the way `newsbot ingest` does: the lowdb store through the story keeper. Prints one JSON line.
 *
 *   node --import tsx bench/lib/ingest-child.ts <input dir> <data dir> <now ISO>
 */
import { openStore } from '../../src/store/lowdb-store.js';
import { withStories } from '../../src/stories/story-keeper.js';
import { ingestInputs } from '../../src/ingest/ingest.js';

const [input, dataDir, nowIso] = process.argv.slice(2) as [string, string, string];
const now = new Date(nowIso);
const store = withStories(await openStore(dataDir, { now: () => now }), { now: () => now });
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const t = performance.now();
const summary = await ingestInputs(store, [input], { now });
const ms = performance.now() - t;
clearInterval(timer);
// Peak memory of the ingest itself, taken before the stories are listed (a copy of every one) to count them.
const peakRssMb = Math.max(peak, process.memoryUsage().rss) / 1048576;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const stories = (await store.listStories()).length;
await store.close();
process.stdout.write(`${JSON.stringify({ ...summary, stories, ms, peakRssMb, maxRssMb })}\n`);
