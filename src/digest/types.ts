/** Platform-neutral digest shapes. Pure data; renderers turn them into platform messages. */

/** One source of a story. */
export interface StorySource {
  name: string;
  url: string | null;
  title: string;
}

/** Articles about the same event, from one or more sources. */
export interface Story {
  /** Stable id: the id of the article that started the story (the earliest of its articles in a batch digest). */
  id: string;
  /** Headline (the clearest title among its articles). */
  title: string;
  /** Whole sentences drawn from its articles, no fact repeated. */
  summary: string[];
  sources: StorySource[];
  /** Number of articles grouped into this story. */
  articles: number;
  /** Latest article time in the story (ISO). */
  updated: string;
  /** A picture of the story (its lead's, else another source's): an http(s) URL the platform fetches. */
  image?: string;
  /** Set when this chat was sent the story before and it has new articles since: what is new. */
  update?: StoryUpdate;
}

/** What a story gained since a chat last got it. */
export interface StoryUpdate {
  /** Articles added since. */
  articles: number;
  /** Sources that were not in it then. */
  sources: string[];
}

/** A built digest. An empty `stories` list is a valid digest ("no new stories since …"). */
export interface Digest {
  generatedAt: string;
  window: { from: string; to: string };
  stories: Story[];
  /** Topic words the digest was filtered by, if any (shown in the heading). */
  topics: string[];
  /** The reader's language for headings and dates (a code of src/i18n; default English). */
  language?: string;
  /** IANA zone the reader lives in; renderers show times in it (default UTC). */
  timeZone?: string;
}
