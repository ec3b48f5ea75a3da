import type { Article } from '../../model.js';
import { summarize } from '../../digest/summarize.js';
import { canonicalUrl } from '../../ingest/identity.js';
import { chatDigest } from './chat-digest.js';
import { clip } from './args.js';
import { loadSettings } from './settings.js';
import { buttonMaker, digestButtons } from './buttons.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import { english, type Translator } from '../../i18n/i18n.js';

const HOUR = 3_600_000;
/** More stories reaches this far at most (pages of the chat's story count). */
const MAX_DIGEST_PAGES = 10;

/** "3 h ago", "2 d ago" relative to now (English). */
export function ago(iso: string, now: Date): string {
  return english.ago(iso, now);
}


/** /digest [topic]: the last window's top stories for this chat (its topics, or the one given). */
export async function digestCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const topic = req.args.join(' ').trim().toLowerCase();
  if (topic.length > 100) return { kind: 'error', text: t.t('digest.topicTooLong'), usage: t.t('usage.digest') };
  return digestPage(req, ctx, t, { topic: topic || null, page: 0, at: req.now });
}

/**
 * Page `page` of the chat's digest for the window ending at `at`: page 0 is what /digest shows, each
 * further page (More stories) the next stories as many as the chat's digest holds. Rate-limited per
 * user like /digest; private from page 1 on (it answers the member who pressed the button).
 */
export async function digestPage(req: CommandRequest, ctx: CommandContext, t: Translator, p: { topic: string | null; page: number; at: Date }): Promise<Reply> {
  const wait = ctx.limiter.take(`${req.platform}:${req.userId}`, req.now);
  if (wait > 0) return { kind: 'error', text: t.t('error.slowDown', { seconds: wait }), private: true };
  const settings = await loadSettings(ctx.store, req, ctx.config);
  const per = settings.maxStories;
  const page = Math.min(p.page, MAX_DIGEST_PAGES - 1);
  const { digest, emptyText } = await chatDigest(ctx.store, {
    scope: settings.scope,
    from: new Date(p.at.getTime() - ctx.config.maxWindowHours * HOUR),
    to: p.at,
    topics: p.topic ? [p.topic] : settings.topics,
    mutes: settings.mutes,
    maxStories: per * (page + 1),
    timezone: settings.timezone,
    ...(ctx.summarizer ? { summarizer: ctx.summarizer } : {}),
    ...(ctx.images === false ? { images: false } : {}),
    language: t.language,
  }, req.now);
  const stories = digest.stories.slice(per * page);
  if (page > 0 && stories.length === 0) return { kind: 'text', lines: [t.t('button.noMore')], private: true };
  const shown = { ...digest, stories };
  const reply: Reply = { kind: 'digest', digest: shown, emptyText, ...(page > 0 ? { private: true, firstNumber: per * page + 1 } : {}) };
  const make = buttonMaker(ctx.buttons, ctx.store, req, p.at);
  if (!make || stories.length === 0) return reply;
  const full = stories.length >= per && page + 1 < MAX_DIGEST_PAGES;
  const topic = p.topic === null ? null : await make.ref(p.topic, (ref) => ({ kind: 'more', page: MAX_DIGEST_PAGES, topic: ref }));
  const more = full ? make.button(t.t('button.more'), { kind: 'more', page: page + 1, topic }) : null;
  return { ...reply, buttons: digestButtons(make, t, stories, more) };
}

/** /summary <article id | url>: three sentences of a stored article or of a page. */
export async function summaryCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const usage = t.t('usage.summary');
  const target = req.args[0]?.trim() ?? '';
  if (!target || req.args.length > 1) return { kind: 'error', text: t.t('summary.give'), usage };
  let article: Article | null;
  if (/^https?:\/\//i.test(target)) {
    if (target.length > 2048) return { kind: 'error', text: t.t('summary.linkTooLong', { max: 2048 }), usage };
    if (!canonicalUrl(target)) return { kind: 'error', text: t.t('summary.badLink', { input: clip(target) }), usage };
    const wait = ctx.limiter.take(`${req.platform}:${req.userId}`, req.now);
    if (wait > 0) return { kind: 'error', text: t.t('summary.slowDown', { seconds: wait }), private: true };
    try {
      article = await ctx.readUrl(target, req.now);
    } catch (err) {
      return { kind: 'error', text: t.t('summary.unreadable', { detail: (err as Error).message }) };
    }
  } else if (/^[0-9a-f]{16}$/i.test(target)) {
    article = await ctx.store.getArticle(target.toLowerCase());
    if (!article) return { kind: 'error', text: t.t('summary.noArticle', { id: target }) };
  } else {
    return { kind: 'error', text: t.t('summary.badTarget', { input: clip(target) }), usage };
  }
  const sentences = summarize({ title: article.title, text: article.text, language: article.language }, 3);
  const lines = sentences.length > 0 ? sentences : [article.description ?? t.t('summary.noText')];
  return { kind: 'text', title: article.title, lines: [...lines, `— ${t.isolate(article.source)}${article.url ? ` ${t.isolate(article.url)}` : ''}`] };
}
