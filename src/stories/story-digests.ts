/**
 * Digests as a selection of kept stories. The work that does not depend on the subscriber is
 * shared: the candidates of one window, scope, topics and mutes are computed once and reused by
 * every chat that asks for the same (a burst of 10,000 subscriptions due at 08:00 computes a few
 * dozen), until a story changes. Per chat only the history filter, the diversity pass over a small
 * pool and the stories that are not whole (cut by a filter) remain.
 */
import type { Article, DigestHistory, Feed, SentStory, StoryRecord } from '../model.js';
import type { Store } from '../store/store.js';
import { analyzed } from '../digest/analysis.js';
import { normalizeWords } from '../digest/build.js';
import { emptyDigestText } from '../digest/empty.js';
import { lowerPhraseMatcher } from '../digest/select.js';
import { storyOf } from '../digest/story.js';
import { candidatesWithFeeds, chooseStories, storyCandidates } from '../digest/story-digest.js';
import type { ChosenStory, StoryCandidate, StoryFilter } from '../digest/story-digest.js';
import type { Digest, Story } from '../digest/types.js';
import { extractiveSummarizer } from '../summarizer/summarizer.js';
import type { Summarizer } from '../summarizer/summarizer.js';
import { keeperFor } from './story-keeper.js';
import type { StoryKeeper } from './story-keeper.js';

/** What one chat's digest is built from. */
export interface DigestRequest {
  /** Chat scope ('telegram:123', 'discord:guildId'); its own feeds and global ones are admitted. */
  scope: string;
  from: Date;
  to: Date;
  topics: string[];
  mutes: string[];
  maxStories: number;
  timezone: string;
}

/** A built digest; `record` (scheduled digests) adds its stories to the chat's history once it was sent. */
export interface BuiltDigest {
  digest: Digest;
  emptyText: string;
  record?: () => Promise<void>;
}

/** Shared work kept at most this long (feeds may change without a story changing) and this many at once. */
const SHARED_TTL_MS = 60_000;
const SHARED_MAX = 24;
/** Cut stories kept for sharing across candidate sets. */
const SUBSETS_MAX = 20_000;
/** History entries older than this are dropped (no window reaches that far back). */
const HISTORY_DAYS = 7;
const HISTORY_MAX = 500;

interface Shared {
  at: number;
  generation: number;
  candidates: StoryCandidate[];
  /** Stories cut by the filter, built once for every chat sharing them. */
  built: Map<string, Promise<Story>>;
  /** Chosen stories by pool (chats whose histories leave the same pool get the same choice). */
  chosen: Map<string, ChosenStory[]>;
  /** Each chosen story's picture. */
  images: Map<string, Promise<string | undefined>>;
}

/** How a digest's stories are worded. */
export interface DigestWording {
  /** Rewords summaries (default: the extractive ones as they are). */
  summarizer?: Summarizer;
  /** Attach each story's picture (default true). */
  images?: boolean;
}

/** Story text for topic and mute matching, per window, lower-cased once. */
interface Texts {
  key: string;
  generation: number;
  byId: Map<string, { title: string; all: string }>;
}

export class StoryDigests {
  private readonly shared = new Map<string, Promise<Shared>>();
  private texts: Promise<Texts> | null = null;
  private feeds: { minute: number; list: Promise<Feed[]> } | null = null;
  /**
   * Stories cut to some of their articles, by story version and the articles kept, while no story
   * changes: every candidate set that cuts a story the same way (chats without a given own feed, a
   * topic that drops the same article) shares one rebuild.
   */
  private subsets = { generation: -1, byKey: new Map<string, Promise<Story>>() };
  /** Topic and mute verdicts per article, by topics+mutes, while no story changes: chats with their own feeds share them too. */
  private verdicts = { generation: -1, byWords: new Map<string, Map<string, { keep: boolean; titleHit: boolean }>>() };

  constructor(private readonly store: Store, private readonly keeper: StoryKeeper = keeperFor(store)) {}

  /**
   * One chat's digest; with `history` (scheduled), stories it already got unchanged are left out.
   * A `summarizer` other than the extractive one rewords the chosen stories from their articles;
   * `images` (default true) attaches each story's picture.
   */
  async build(req: DigestRequest, now: Date, history?: DigestHistory | null, wording: DigestWording = {}): Promise<BuiltDigest> {
    const { summarizer } = wording;
    const topics = normalizeWords(req.topics);
    const mutes = normalizeWords(req.mutes);
    const shared = await this.candidates(req, topics, mutes, now);
    const chosen = chooseStories(shared.candidates, Math.max(0, Math.floor(req.maxStories)), (a, b) => this.keeper.similarity(a, b), history, shared.chosen);
    let stories = await Promise.all(chosen.map((c) => this.story(c, shared)));
    if (wording.images !== false) stories = await Promise.all(stories.map((st, i) => this.picture(st, chosen[i]!, shared)));
    let digest: Digest = { generatedAt: now.toISOString(), window: { from: req.from.toISOString(), to: req.to.toISOString() }, stories, topics, timeZone: req.timezone };
    if (summarizer && summarizer !== extractiveSummarizer) {
      const articles = await this.articlesOf(chosen.flatMap((c) => c.candidate.members.map((m) => m.id)));
      digest = { ...(await summarizer.summarize(digest, articles, now)), timeZone: req.timezone };
    }
    const out: BuiltDigest = { digest, emptyText: emptyDigestText(digest, req.timezone) };
    if (history !== undefined) out.record = () => this.record(history, chosen, now);
    return out;
  }

  private async record(history: DigestHistory | null, chosen: ChosenStory[], now: Date): Promise<void> {
    if (!history || chosen.length === 0) return;
    const at = now.toISOString();
    const cutoff = now.getTime() - HISTORY_DAYS * 86_400_000;
    const fresh: SentStory[] = chosen.map(({ candidate: c }) => ({ id: c.story.id, version: c.story.version, articles: c.story.members.length, sentAt: at }));
    const ids = new Set(fresh.map((s) => s.id));
    const kept = history.stories.filter((s) => !ids.has(s.id) && Date.parse(s.sentAt) >= cutoff);
    await this.store.putDigestHistory({ subscriptionId: history.subscriptionId, stories: [...kept, ...fresh].slice(-HISTORY_MAX), updatedAt: at });
  }

  /** The feeds, read once a minute: a chat's scope only matters through the feeds it admits. */
  private feedList(now: Date): Promise<Feed[]> {
    const minute = Math.floor(now.getTime() / 60_000);
    if (!this.feeds || this.feeds.minute !== minute) this.feeds = { minute, list: this.store.listFeeds() };
    const list = this.feeds.list;
    list.catch(() => (this.feeds = null));
    return list;
  }

  private async candidates(req: DigestRequest, topics: string[], mutes: string[], now: Date): Promise<Shared> {
    const feeds = await this.feedList(now);
    // Chats whose scopes admit the same feeds share one candidate set.
    const own = feeds.filter((f) => f.scope === req.scope).map((f) => f.id).sort();
    return this.sharedFor(req, own, feeds, topics, mutes, now);
  }

  private async sharedFor(req: DigestRequest, own: string[], feeds: Feed[], topics: string[], mutes: string[], now: Date): Promise<Shared> {
    const stories = await this.keeper.storiesIn(req.from, req.to);
    const generation = this.keeper.generation;
    const key = JSON.stringify([req.from.getTime(), req.to.getTime(), own, topics, mutes, Math.floor(now.getTime() / 60_000)]);
    const hit = this.shared.get(key);
    if (hit) {
      const s = await hit;
      if (s.generation === generation && now.getTime() - s.at < SHARED_TTL_MS) return s;
    }
    const made = (async (): Promise<Shared> => {
      const admitted = new Set<string | null>([null, ...own, ...feeds.filter((f) => f.scope === 'global').map((f) => f.id)]);
      const filter = await this.filterOf(req, admitted, topics, mutes, generation);
      let candidates: StoryCandidate[];
      if (own.length === 0) candidates = storyCandidates(stories, filter, now);
      else {
        // The chats without feeds of their own, plus the stories that hold this chat's feeds' articles.
        const base = await this.sharedFor(req, [], feeds, topics, mutes, now);
        const mine = new Set(own);
        candidates = candidatesWithFeeds(base.candidates, stories.filter((st) => st.members.some((m) => m.feedId !== null && mine.has(m.feedId))), filter, now);
      }
      return { at: now.getTime(), generation, candidates, built: new Map(), chosen: new Map(), images: new Map() };
    })();
    this.shared.delete(key);
    this.shared.set(key, made);
    while (this.shared.size > SHARED_MAX) this.shared.delete(this.shared.keys().next().value!);
    made.catch(() => this.shared.delete(key));
    return made;
  }

  /** Which of a story's articles the chat may see: window, feeds, and the topic and mute verdicts. */
  private async filterOf(req: DigestRequest, admitted: Set<string | null>, topics: string[], mutes: string[], generation: number): Promise<StoryFilter> {
    let verdict: ((id: string) => { keep: boolean; titleHit: boolean }) | undefined;
    if (topics.length > 0 || mutes.length > 0) {
      const texts = await this.textsOf(req.from, req.to, generation);
      const topic = topics.length ? lowerPhraseMatcher(topics) : null;
      const mute = mutes.length ? lowerPhraseMatcher(mutes) : null;
      if (this.verdicts.generation !== generation) this.verdicts = { generation, byWords: new Map() };
      const wordsKey = JSON.stringify([topics, mutes]);
      let known = this.verdicts.byWords.get(wordsKey);
      if (!known) this.verdicts.byWords.set(wordsKey, (known = new Map()));
      const memo = known;
      verdict = (id) => {
        let v = memo.get(id);
        if (v) return v;
        const t = texts.byId.get(id);
        const keep = t !== undefined && !(mute && mute(t.all) > 0) && !(topic && topic(t.all) === 0);
        v = { keep, titleHit: keep && topic !== null && topic(t!.title) > 0 };
        memo.set(id, v);
        return v;
      };
    }
    return { from: req.from, to: req.to, admits: (f: string | null) => admitted.has(f), ...(verdict ? { verdict } : {}) };
  }

  /** Title and text of the window's articles, lower-cased, read once per window while no story changes. */
  private async textsOf(from: Date, to: Date, generation: number): Promise<Texts> {
    const key = `${from.getTime()}|${to.getTime()}`;
    const cur = this.texts && (await this.texts);
    if (cur && cur.key === key && cur.generation === generation) return cur;
    this.texts = (async () => {
      const byId = new Map<string, { title: string; all: string }>();
      for (const a of await this.store.listArticles({ from: from.toISOString(), to: to.toISOString() })) {
        byId.set(a.id, { title: a.title.toLowerCase(), all: `${a.title}\n${a.text}`.toLowerCase() });
      }
      return { key, generation, byId };
    })();
    return this.texts;
  }

  private async story(c: ChosenStory, shared: Shared): Promise<Story> {
    const { story, members } = c.candidate;
    const update = c.update ? { update: c.update } : {};
    if (c.candidate.whole) {
      return { id: story.id, title: story.title, summary: story.summary, sources: story.sources, articles: members.length, updated: story.last, ...update };
    }
    let built = shared.built.get(story.id);
    if (!built) {
      const ids = members.map((m) => m.id);
      if (this.subsets.generation !== shared.generation) this.subsets = { generation: shared.generation, byKey: new Map() };
      const key = `${story.id}@${story.version}:${ids.join(',')}`;
      built = this.subsets.byKey.get(key);
      if (!built) {
        if (this.subsets.byKey.size >= SUBSETS_MAX) this.subsets.byKey.clear();
        built = this.subset(story, ids);
        this.subsets.byKey.set(key, built);
        built.catch(() => this.subsets.byKey.delete(key));
      }
      shared.built.set(story.id, built);
    }
    return { ...(await built), ...update };
  }

  /** The story with its picture (looked up once per shared candidate set). */
  private async picture(story: Story, c: ChosenStory, shared: Shared): Promise<Story> {
    let image = shared.images.get(story.id);
    if (!image) {
      // The lead's picture, else another source's, from the kept members: no article is read.
      const bySource = new Map<string, string>();
      for (const m of c.candidate.members) if (m.image && !bySource.has(m.source.trim().toLowerCase())) bySource.set(m.source.trim().toLowerCase(), m.image);
      image = Promise.resolve(story.sources.map((s) => bySource.get(s.name.trim().toLowerCase())).find((x) => x !== undefined));
      shared.images.set(story.id, image);
    }
    const url = await image;
    return url === undefined ? story : { ...story, image: url };
  }

  private async articlesOf(ids: readonly string[]): Promise<Article[]> {
    const articles: Article[] = [];
    for (const id of ids) {
      const a = await this.store.getArticle(id);
      if (a) articles.push(a);
    }
    return articles;
  }

  /** A story cut to some of its articles: headline and summary from those alone; the id stays. */
  private async subset(story: StoryRecord, ids: string[]): Promise<Story> {
    const articles = await this.articlesOf(ids);
    if (articles.length === 0) return { id: story.id, title: story.title, summary: story.summary, sources: story.sources, articles: 0, updated: story.last };
    return { ...storyOf(articles.map(analyzed)), id: story.id };
  }
}

const builders = new WeakMap<Store, StoryDigests>();

/** The one digest builder of a store (its shared work is per store). */
export function storyDigests(store: Store): StoryDigests {
  let b = builders.get(store);
  if (!b) builders.set(store, (b = new StoryDigests(store)));
  return b;
}
