/**
 * Keeps stories up to date as articles arrive: each new article is analysed once, stored with its
 * analysis, placed by the StoryIndex (joins a story or starts one), and only the stories that
 * changed get their headline and summary recomputed and written. The stories of the recent
 * horizon stay in memory for digests; the store holds them all (and the index is rebuilt from it
 * on start). Articles stored some other way (an older data folder, a test) are picked up the next
 * time the keeper is asked for stories: it notices the article count changed.
 */
import { type Article, type StoryMember, type StoryRecord, articleTime } from '../model.js';
import type { AddResult, Store } from '../store/store.js';
import { analysisOf, analyzed, analyzeArticle } from '../digest/analysis.js';
import { StoryIndex } from '../digest/story-index.js';
import { storyOf } from '../digest/story.js';

/** Options of a StoryKeeper. */
export interface KeeperOptions {
  /** Hours of stories kept in memory and joinable (default 48: twice the longest digest window). */
  horizonHours?: number;
  /** The clock (default the system clock). */
  now?: () => Date;
}

/** Above this many articles a story's headline and summary stay as they are (a new source is still added). */
const MAX_REBUILD_MEMBERS = 24;
const HOUR = 3_600_000;

const memberOf = (a: Article): StoryMember => ({ id: a.id, at: articleTime(a), source: a.source, feedId: a.feedId, ...(a.backfill ? { backfill: true as const } : {}), ...(a.image ? { image: a.image } : {}) });

export class StoryKeeper {
  private index = new StoryIndex();
  private stories = new Map<string, StoryRecord>();
  /** Articles the store held when the keeper last knew every one of them; -1 before loading. */
  private known = -1;
  /** The index covers articles from this time (ms) on. */
  private loadedFrom = Infinity;
  private readonly horizonMs: number;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private lastWindow: { key: string; list: StoryRecord[] } | null = null;
  /** `storiesIn` calls made so far, and how many of them the last check of the store was made after. */
  private asked = 0;
  private checked = 0;
  /** Bumped whenever a story changes: caches of digest work key on it. */
  generation = 0;

  constructor(private readonly store: Store, opts: KeeperOptions = {}) {
    this.horizonMs = (opts.horizonHours ?? 48) * HOUR;
    this.now = opts.now ?? (() => new Date());
  }

  /** One change at a time, in call order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn);
    // The queue waits for the change, not holding its result (a batch of articles) until the next one.
    this.queue = p.then(() => undefined, () => undefined);
    return p;
  }

  /** Analyses and stores new articles, then places them into stories. Duplicates are reported, not analysed. */
  add(articles: Article[]): Promise<AddResult> {
    return this.serial(async () => {
      const horizon = this.now().getTime() - this.horizonMs;
      await this.sync(horizon);
      this.forget(horizon);
      // Asked all at once: a store that answers reads asked together in one query (PostgreSQL) does.
      const held = await Promise.all(articles.map((a) => (a.analysis ? true : this.store.hasArticle(a.id))));
      const fresh = articles.map((a, i) => (held[i] ? a : { ...a, analysis: analyzeArticle(a) }));
      const res = await this.store.addArticles(fresh);
      this.known += res.added.length;
      await this.place(res.added);
      return res;
    });
  }

  /** Stories with an article in [from, to) (as kept in memory, not copies: do not change them). */
  storiesIn(from: Date, to: Date): Promise<StoryRecord[]> {
    const ticket = ++this.asked;
    return this.serial(async () => {
      // A check of the store begun after this call answers it too: the chats of a burst, asking
      // together, share one check instead of one round trip to the store each.
      const need = Math.min(from.getTime(), to.getTime() - this.horizonMs);
      if (ticket > this.checked || need < this.loadedFrom) await this.sync(need);
      const f = from.getTime();
      const t = to.getTime();
      const key = `${f}|${t}|${this.generation}`;
      // Every chat due at the same minute asks for the same window: answer it once.
      if (this.lastWindow?.key !== key) this.lastWindow = { key, list: [...this.stories.values()].filter((s) => Date.parse(s.last) >= f && Date.parse(s.first) < t) };
      return this.lastWindow.list;
    });
  }

  /** How alike two articles are (0…1, the ranking's diversity measure); 0 when either is not indexed. */
  similarity(a: string, b: string): number {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let s = this.similar.get(key);
    if (s === undefined) {
      s = this.index.similarity(a, b);
      if (this.similar.size >= 200_000) this.similar.clear();
      this.similar.set(key, s);
    }
    return s;
  }

  /** Pair similarities asked for by digests (the same pools come up for many chats); cleared when stories change. */
  private similar = new Map<string, number>();

  /** Time moved on: articles and stories older than the horizon leave memory (they stay stored). */
  private forget(horizon: number): void {
    if (horizon <= this.loadedFrom) return;
    this.loadedFrom = horizon;
    this.index.evict(horizon);
    for (const [id, s] of this.stories) if (Date.parse(s.last) < horizon) this.stories.delete(id);
  }

  /** Rebuilds from the store when it holds articles the keeper has not seen, or when asked for older times. */
  private async sync(from: number): Promise<void> {
    const covers = this.asked;
    const count = await this.store.countArticles();
    if (count === this.known && from >= this.loadedFrom) {
      this.checked = covers;
      return;
    }
    const start = Math.min(from, this.loadedFrom);
    this.generation++;
    this.index = new StoryIndex();
    this.stories = new Map();
    const fromIso = new Date(start).toISOString();
    const articles = await this.store.listArticles({ from: fromIso });
    const byId = new Map(articles.map((a) => [a.id, a]));
    const placed = new Set<string>();
    for (const s of await this.store.listStories({ from: fromIso })) {
      this.stories.set(s.id, s);
      for (const m of s.members) {
        const a = byId.get(m.id);
        if (!a || placed.has(a.id)) continue;
        this.index.add(a.id, Date.parse(m.at), analysisOf(a), s.id);
        placed.add(a.id);
      }
    }
    this.loadedFrom = start;
    this.known = count;
    await this.place(articles.filter((a) => !placed.has(a.id)));
    this.checked = covers;
  }

  /** Places articles (oldest first) and writes the stories that changed. */
  private async place(articles: Article[]): Promise<void> {
    if (articles.length === 0) return;
    const changed = new Map<string, Article[]>();
    const sorted = [...articles].sort((x, y) => articleTime(x).localeCompare(articleTime(y)) || x.id.localeCompare(y.id));
    for (const a of sorted) {
      const at = Date.parse(articleTime(a));
      if (at < this.loadedFrom) continue; // older than the horizon: kept in the store, never a story
      const { story } = this.index.add(a.id, at, analysisOf(a));
      changed.set(story, [...(changed.get(story) ?? []), a]);
    }
    const now = this.now();
    // Updated together, so their reads of stories and articles not in memory go out together.
    const out = await Promise.all([...changed].map(([id, added]) => this.update(id, added, now)));
    if (out.length > 0) await this.store.putStories(out);
    for (const s of out) this.stories.set(s.id, s);
    this.generation++;
    this.similar.clear();
  }

  /** The story with `added` joined: headline and summary recomputed from its articles. */
  private async update(id: string, added: Article[], now: Date): Promise<StoryRecord> {
    const prev = this.stories.get(id) ?? (await this.store.getStory(id));
    const members = [...(prev?.members ?? []), ...added.filter((a) => !prev?.members.some((m) => m.id === a.id)).map(memberOf)];
    const times = members.map((m) => m.at).sort();
    const base = { id, members, first: times[0]!, last: times.at(-1)!, version: (prev?.version ?? 0) + 1, updatedAt: now.toISOString() };
    if (prev && members.length > MAX_REBUILD_MEMBERS) {
      const names = new Set(prev.sources.map((s) => s.name.trim().toLowerCase()));
      const sources = [...prev.sources];
      for (const a of added) {
        if (names.has(a.source.trim().toLowerCase())) continue;
        names.add(a.source.trim().toLowerCase());
        sources.push({ name: a.source, url: a.url, title: a.title });
      }
      return { ...base, title: prev.title, summary: prev.summary, sources };
    }
    const inHand = new Map(added.map((a) => [a.id, a]));
    const found = await Promise.all(members.map((m) => inHand.get(m.id) ?? this.store.getArticle(m.id)));
    const group = found.filter((a): a is Article => a !== null).map(analyzed);
    const story = storyOf(group);
    return { ...base, title: story.title, summary: story.summary, sources: story.sources };
  }
}

const keepers = new WeakMap<Store, StoryKeeper>();

/** The one keeper of a store (created on first use). */
export function keeperFor(store: Store, opts?: KeeperOptions): StoryKeeper {
  let k = keepers.get(store);
  if (!k) keepers.set(store, (k = new StoryKeeper(store, opts)));
  return k;
}

/**
 * The store, with `addArticles` going through its keeper: every path that stores articles (ingest,
 * feed polling, commands) analyses them and keeps the stories up to date.
 */
export function withStories(store: Store, opts?: KeeperOptions): Store {
  const keeper = keeperFor(store, opts);
  const wrapped: Store = Object.create(store, { addArticles: { value: (articles: Article[]) => keeper.add(articles) } }) as Store;
  keepers.set(wrapped, keeper);
  return wrapped;
}
