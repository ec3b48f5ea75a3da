/**
 * A digest from kept stories: a selection, not a recomputation. The window's stories are cut to
 * the articles this chat may see (window, feeds, topics, mutes, no backfill), scored once (the
 * candidates can be shared by every chat with the same window, scope and topics), then per chat:
 * stories it already got unchanged are left out, updated ones are marked, and the top ones are
 * chosen with diversity.
 */
import type { DigestHistory, StoryMember, StoryRecord } from '../model.js';
import { baseScore, diversify, groupSimilarity } from './rank.js';
import type { StoryUpdate } from './types.js';

/** Which of a story's articles a chat may see. */
export interface StoryFilter {
  from: Date;
  to: Date;
  /** Whether articles of this feed (null: no feed) are for the chat. */
  admits(feedId: string | null): boolean;
  /**
   * The topic and mute verdict of an article: `keep` false leaves it out; `titleHit` when its
   * headline mentions a topic. Absent when the chat has neither topics nor mutes.
   */
  verdict?: (articleId: string) => { keep: boolean; titleHit: boolean };
}

/** A story as one chat may see it, with its base score. */
export interface StoryCandidate {
  story: StoryRecord;
  /** The articles the chat may see, in joining order. */
  members: StoryMember[];
  /** All of the story's articles: the kept headline and summary apply. */
  whole: boolean;
  score: number;
}

/** Member times parsed once per story record (records are replaced, never changed, when a story grows). */
const TIMES = new WeakMap<StoryRecord, Float64Array>();
function memberTimes(story: StoryRecord): Float64Array {
  let t = TIMES.get(story);
  if (!t) TIMES.set(story, (t = Float64Array.from(story.members, (m) => Date.parse(m.at))));
  return t;
}

/** The window's stories as the chat may see them, best base score first. */
export function storyCandidates(stories: readonly StoryRecord[], f: StoryFilter, now: Date): StoryCandidate[] {
  const from = f.from.getTime();
  const to = f.to.getTime();
  const out: StoryCandidate[] = [];
  for (const story of stories) {
    const members: StoryMember[] = [];
    let titleHits = 0;
    let latest = -Infinity;
    const sources = new Set<string>();
    const times = memberTimes(story);
    for (let k = 0; k < story.members.length; k++) {
      const m = story.members[k]!;
      const t = times[k]!;
      if (m.backfill || t < from || t >= to || !f.admits(m.feedId)) continue;
      const v = f.verdict?.(m.id);
      if (v && !v.keep) continue;
      if (v?.titleHit) titleHits++;
      members.push(m);
      latest = Math.max(latest, t);
      sources.add(m.source.trim().toLowerCase());
    }
    if (members.length === 0) continue;
    const score = baseScore({ sources: sources.size, latest, size: members.length, topic: f.verdict ? titleHits / members.length : 0 }, now);
    const whole = members.length === story.members.length;
    out.push({ story, members: whole ? story.members : members, whole, score });
  }
  return out.sort(byScore);
}

/** Best base score first, then the earlier story, then by id: a total order, so chats agree. */
function byScore(x: StoryCandidate, y: StoryCandidate): number {
  return y.score - x.score || firstTime(x.story) - firstTime(y.story) || (x.story.id < y.story.id ? -1 : 1);
}

const FIRSTS = new WeakMap<StoryRecord, number>();
function firstTime(story: StoryRecord): number {
  let t = FIRSTS.get(story);
  if (t === undefined) FIRSTS.set(story, (t = Date.parse(story.first)));
  return t;
}

/**
 * The candidates `storyCandidates(stories, f)` would give, from `base` (the same window, topics and
 * mutes, with fewer feeds admitted) and `changed`, the stories holding an article of the feeds
 * `f` admits beyond base's: only those are cut anew. A chat with its own feeds costs its own
 * feeds' stories, not the window.
 */
export function candidatesWithFeeds(base: readonly StoryCandidate[], changed: readonly StoryRecord[], f: StoryFilter, now: Date): StoryCandidate[] {
  if (changed.length === 0) return [...base];
  const ids = new Set(changed.map((s) => s.id));
  return [...base.filter((c) => !ids.has(c.story.id)), ...storyCandidates(changed, f, now)].sort(byScore);
}

/** A chosen story and, for a chat that had it before, what is new. */
export interface ChosenStory {
  candidate: StoryCandidate;
  update?: StoryUpdate;
}

/** What is new in a story since the chat got it with `sentArticles` articles. */
function updateSince(story: StoryRecord, sentArticles: number): StoryUpdate {
  const before = new Set(story.members.slice(0, sentArticles).map((m) => m.source.trim().toLowerCase()));
  const sources: string[] = [];
  for (const m of story.members.slice(sentArticles)) {
    const key = m.source.trim().toLowerCase();
    if (before.has(key)) continue;
    before.add(key);
    sources.push(m.source);
  }
  return { articles: story.members.length - sentArticles, sources };
}

/**
 * The chat's top stories from shared candidates. With a history (scheduled digests), a story it
 * got before is left out unless it has articles since, and then it carries what is new.
 * `similarity` compares two articles by id (0…1) for the diversity pass.
 */
export function chooseStories(
  cands: readonly StoryCandidate[], maxStories: number, similarity: (a: string, b: string) => number, history?: DigestHistory | null,
  /** Choices by pool, shared by chats with the same candidates: the diversity pass runs once per distinct pool. */
  memo?: Map<string, ChosenStory[]>,
): ChosenStory[] {
  const sent = new Map((history?.stories ?? []).map((s) => [s.id, s]));
  const pool: { g: ChosenStory; score: number }[] = [];
  const limit = Math.max(maxStories * 4, 20);
  for (const c of cands) {
    if (pool.length >= limit) break;
    const before = sent.get(c.story.id);
    if (before && before.articles >= c.story.members.length) continue;
    pool.push({ g: before ? { candidate: c, update: updateSince(c.story, before.articles) } : { candidate: c }, score: c.score });
  }
  const key = `${maxStories}|${pool.map((p) => (p.g.update ? `${p.g.candidate.story.id}+${p.g.update.articles}` : p.g.candidate.story.id)).join(',')}`;
  const known = memo?.get(key);
  if (known) return known;
  const ids = (x: ChosenStory): string[] => x.candidate.members.slice(0, 2).map((m) => m.id);
  const chosen = diversify(pool, maxStories, (a, b) => groupSimilarity(ids(a), ids(b), similarity));
  if (memo && memo.size < 1_000) memo.set(key, chosen);
  return chosen;
}
