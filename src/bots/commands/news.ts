import type { Article } from '../../model.js';
import { articleTime } from '../../model.js';
import { summarize } from '../../digest/summarize.js';
import { canonicalUrl } from '../../ingest/identity.js';
import { articlesForScope, chatDigest } from './chat-digest.js';
import { parseCount, clip } from './args.js';
import { loadSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import { english, type Translator } from '../../i18n/i18n.js';

const HOUR = 3_600_000;

/** "3 h ago", "2 d ago" relative to now (English). */
export function ago(iso: string, now: Date): string {
  return english.ago(iso, now);
}

function articleLine(a: Article, now: Date, t: Translator): string {
  return `${t.isolate(a.title)} — ${t.isolate(a.source)}, ${t.ago(articleTime(a), now)} [${a.id}]${a.url ? `\n  ${t.isolate(a.url)}` : ''}`;
}

/** /digest [topic]: the last window's top stories for this chat (its topics, or the one given). */
export async function digestCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const wait = ctx.limiter.take(`${req.platform}:${req.userId}`, req.now);
  if (wait > 0) return { kind: 'error', text: t.t('error.slowDown', { seconds: wait }), private: true };
  const settings = await loadSettings(ctx.store, req, ctx.config);
  const topic = req.args.join(' ').trim().toLowerCase();
  if (topic.length > 100) return { kind: 'error', text: t.t('digest.topicTooLong'), usage: '/digest [topic]' };
  const from = new Date(req.now.getTime() - ctx.config.maxWindowHours * HOUR);
  const { digest, emptyText } = await chatDigest(ctx.store, {
    scope: settings.scope,
    from,
    to: req.now,
    topics: topic ? [topic] : settings.topics,
    mutes: settings.mutes,
    maxStories: settings.maxStories,
    timezone: settings.timezone,
    ...(ctx.summarizer ? { summarizer: ctx.summarizer } : {}),
    ...(ctx.images === false ? { images: false } : {}),
    language: t.language,
  }, req.now);
  return { kind: 'digest', digest, emptyText };
}

/** /latest [n]: the newest articles this chat can see. */
export async function latestCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  let n = 5;
  if (req.args[0] !== undefined) {
    const parsed = parseCount(req.args[0], 1, 20);
    if (!parsed.ok) return { kind: 'error', text: parsed.reason, usage: '/latest [n]' };
    n = parsed.value;
  }
  const settings = await loadSettings(ctx.store, req, ctx.config);
  const from = new Date(req.now.getTime() - ctx.config.retentionDays * 24 * HOUR);
  const all = await articlesForScope(ctx.store, settings.scope, from, new Date(req.now.getTime() + 1));
  const newest = all.slice(-n).reverse();
  if (newest.length === 0) return { kind: 'text', lines: [t.t('latest.none')] };
  return { kind: 'text', title: t.t('latest.title', { count: newest.length }), lines: newest.map((a) => articleLine(a, req.now, t)) };
}

function words(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** /search <words>: stored articles holding every word, title matches and newer first. */
export async function searchCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const query = words(req.args.join(' '));
  if (query.length === 0) return { kind: 'error', text: t.t('search.empty'), usage: '/search <words>' };
  if (query.length > 12) return { kind: 'error', text: 'Use at most 12 search words.', usage: '/search <words>' };
  const settings = await loadSettings(ctx.store, req, ctx.config);
  const from = new Date(req.now.getTime() - ctx.config.retentionDays * 24 * HOUR);
  const all = await articlesForScope(ctx.store, settings.scope, from, new Date(req.now.getTime() + 1));
  const hits: { a: Article; score: number }[] = [];
  for (const a of all) {
    const title = new Set(words(a.title));
    const body = `${a.title}\n${a.description ?? ''}\n${a.text}`.toLowerCase();
    if (!query.every((w) => title.has(w) || body.includes(w))) continue;
    hits.push({ a, score: query.filter((w) => title.has(w)).length });
  }
  hits.sort((x, y) => y.score - x.score || articleTime(y.a).localeCompare(articleTime(x.a)));
  if (hits.length === 0) return { kind: 'text', lines: [t.t('search.none', { query: clip(query.join(' ')) })] };
  const top = hits.slice(0, 8);
  return { kind: 'text', title: t.t('search.title', { count: hits.length, query: clip(query.join(' ')) }), lines: top.map((h) => articleLine(h.a, req.now, t)) };
}

/** /summary <article id | url>: three sentences of a stored article or of a page. */
export async function summaryCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const usage = '/summary <article id | url>';
  const target = req.args[0]?.trim() ?? '';
  if (!target || req.args.length > 1) return { kind: 'error', text: 'Give one article id (from /latest or /search) or one link.', usage };
  let article: Article | null;
  if (/^https?:\/\//i.test(target)) {
    if (target.length > 2048) return { kind: 'error', text: 'That link is over 2,048 characters.', usage };
    if (!canonicalUrl(target)) return { kind: 'error', text: `"${clip(target)}" is not a valid http(s) link.`, usage };
    const wait = ctx.limiter.take(`${req.platform}:${req.userId}`, req.now);
    if (wait > 0) return { kind: 'error', text: `You are summarising links quickly; try again in ${wait} s.`, private: true };
    try {
      article = await ctx.readUrl(target, req.now);
    } catch (err) {
      return { kind: 'error', text: `Could not read that page: ${(err as Error).message}` };
    }
  } else if (/^[0-9a-f]{16}$/i.test(target)) {
    article = await ctx.store.getArticle(target.toLowerCase());
    if (!article) return { kind: 'error', text: `No stored article has id ${target}; find ids with /latest or /search.` };
  } else {
    return { kind: 'error', text: `"${clip(target)}" is neither an article id (16 hex characters) nor an http(s) link.`, usage };
  }
  const sentences = summarize({ title: article.title, text: article.text, language: article.language }, 3);
  const lines = sentences.length > 0 ? sentences : [article.description ?? 'The page has no readable text to summarise.'];
  return { kind: 'text', title: article.title, lines: [...lines, `— ${article.source}${article.url ? ` ${article.url}` : ''}`] };
}
