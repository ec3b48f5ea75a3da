import type { Digest } from '../types.js';

/** The JSON shape of a digest (`newsbot digest --format json`). */
export interface DigestJson {
  generatedAt: string;
  window: { from: string; to: string };
  stories: { title: string; summary: string[]; sources: { name: string; url: string | null; title: string }[]; articles: number }[];
}

/** Exactly the documented JSON fields, in the documented order (no ids or internal fields). */
export function digestToJson(digest: Digest): DigestJson {
  return {
    generatedAt: digest.generatedAt,
    window: { from: digest.window.from, to: digest.window.to },
    stories: digest.stories.map((s) => ({
      title: s.title,
      summary: [...s.summary],
      sources: s.sources.map((src) => ({ name: src.name, url: src.url, title: src.title })),
      articles: s.articles,
    })),
  };
}
