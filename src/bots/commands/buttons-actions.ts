/**
 * What a pressed button does: verified first (a forged or expired one gets a short private answer),
 * then More stories (the digest's next page), a story's Summary or Sources (private to the member
 * who pressed), or a /latest or /search page (replacing the page the button was on).
 */
import { summarize } from '../../digest/summarize.js';
import type { Translator } from '../../i18n/i18n.js';
import { decodePress } from './buttons-codec.js';
import { pressChat, resolveText } from './buttons.js';
import type { CommandContext } from './context.js';
import { latestPage, searchPage, searchWords } from './lists.js';
import { digestPage } from './news.js';
import type { CommandRequest, Reply } from './types.js';

/** Sentences a story's Summary shows at most. */
const SUMMARY_SENTENCES = 5;
/** Sources listed at most. */
const SOURCES_SHOWN = 20;

const refuse = (text: string): Reply => ({ kind: 'error', text, private: true });

/** The answer to a press of the button whose data is `req.press`. */
export async function pressButton(req: CommandRequest, ctx: CommandContext, t: Translator): Promise<Reply> {
  if (!ctx.buttons) return refuse(t.t('button.forged'));
  const decoded = decodePress(ctx.buttons, pressChat(req), req.press ?? '', req.now);
  if (!decoded.ok) return refuse(t.t(decoded.reason === 'expired' ? 'button.expired' : 'button.forged'));
  const { action, issuedAt: at } = decoded.value;
  switch (action.kind) {
    case 'more': {
      const topic = action.topic ? await resolveText(ctx.store, action.topic) : null;
      if (action.topic && topic === null) return refuse(t.t('button.expired'));
      return digestPage(req, ctx, t, { topic, page: action.page, at });
    }
    case 'summary':
      return storySummary(ctx, t, action.story);
    case 'sources':
      return storySources(ctx, t, action.story);
    case 'latest':
      return latestPage(req, ctx, t, action.size, { page: action.page, at, pressed: true });
    case 'search': {
      const query = await resolveText(ctx.store, action.query);
      if (query === null) return refuse(t.t('button.expired'));
      return searchPage(req, ctx, t, searchWords(query), { page: action.page, at, pressed: true });
    }
  }
}

/** The story's summary, topped up from its lead article to a few sentences, and the link to read it. */
async function storySummary(ctx: CommandContext, t: Translator, id: string): Promise<Reply> {
  const story = await ctx.store.getStory(id);
  if (!story) return refuse(t.t('button.storyGone'));
  const lead = story.members[0] ? await ctx.store.getArticle(story.members[0].id) : null;
  const sentences = [...story.summary];
  if (lead) {
    for (const s of summarize({ title: lead.title, text: lead.text, language: lead.language }, SUMMARY_SENTENCES)) {
      if (sentences.length >= SUMMARY_SENTENCES) break;
      if (!sentences.includes(s)) sentences.push(s);
    }
  }
  const source = story.sources[0];
  const link = source ? [`— ${t.isolate(source.name)}${source.url ? ` ${t.isolate(source.url)}` : ''}`] : [];
  return { kind: 'text', title: story.title, lines: [...sentences, ...link], private: true };
}

/** Every source of the story, with its headline and link. */
async function storySources(ctx: CommandContext, t: Translator, id: string): Promise<Reply> {
  const story = await ctx.store.getStory(id);
  if (!story) return refuse(t.t('button.storyGone'));
  const lines = story.sources.slice(0, SOURCES_SHOWN).map((s) => `${t.isolate(s.name)} — ${t.isolate(s.title)}${s.url ? `\n  ${t.isolate(s.url)}` : ''}`);
  if (story.sources.length > SOURCES_SHOWN) lines.push(`+${story.sources.length - SOURCES_SHOWN}`);
  const counts = `${t.t('digest.sources', { count: story.sources.length })} · ${t.t('digest.articles', { count: story.members.length })}`;
  return { kind: 'text', title: story.title, lines: [counts, ...lines], private: true };
}
