/**
 * /latest and /search, one page at a time: the first page answers the command, Previous / Next
 * buttons turn the page in place. A page is computed from the list as it stood when the command
 * was sent (`at`), so turning pages does not shift as articles arrive.
 */
import type { Article } from '../../model.js';
import { articleTime } from '../../model.js';
import { english, type Translator } from '../../i18n/i18n.js';
import { articlesForScope } from './chat-digest.js';
import { clip, parseCount } from './args.js';
import { loadSettings } from './settings.js';
import { buttonMaker, pagerRows } from './buttons.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';

const HOUR = 3_600_000;
/** Results on one /search page. */
export const SEARCH_PAGE = 8;
/** Pages a button can reach (the codec's bound). */
const MAX_PAGE = 1000;
/** Words one /search may hold. */
const MAX_WORDS = 12;

/** Where a page is: its number (from 0) and the moment the list is taken at. `pressed` says it was turned with a button. */
export interface PageAt {
  page: number;
  at: Date;
  pressed?: boolean;
}

function articleLine(a: Article, now: Date, t: Translator): string {
  return `${t.isolate(a.title)} — ${t.isolate(a.source)}, ${t.ago(articleTime(a), now)} [${a.id}]${a.url ? `\n  ${t.isolate(a.url)}` : ''}`;
}

/** The articles this chat can see up to `at` (and the second it falls in: buttons keep whole seconds), oldest first. */
async function visibleArticles(req: CommandRequest, ctx: CommandContext, at: Date): Promise<Article[]> {
  const settings = await loadSettings(ctx.store, req, ctx.config);
  const from = new Date(at.getTime() - ctx.config.retentionDays * 24 * HOUR);
  const to = new Date(Math.floor(at.getTime() / 1000) * 1000 + 1000);
  return articlesForScope(ctx.store, settings.scope, from, to);
}

/** "Title (2/5)" on a list of several pages. */
const pageTitle = (title: string, page: number, pages: number): string => (pages > 1 ? `${title} (${page + 1}/${pages})` : title);

/** /latest [n]: the newest articles this chat can see, `n` a page. */
export async function latestCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  let n = 5;
  if (req.args[0] !== undefined) {
    const parsed = parseCount(req.args[0], 1, 20);
    if (!parsed.ok) return { kind: 'error', text: t.say(parsed.reason), usage: '/latest [n]' };
    n = parsed.value;
  }
  return latestPage(req, ctx, t, n, { page: 0, at: req.now });
}

/** Page `p.page` of the newest articles, `size` a page. */
export async function latestPage(req: CommandRequest, ctx: CommandContext, t: Translator, size: number, p: PageAt): Promise<Reply> {
  const newest = (await visibleArticles(req, ctx, p.at)).reverse();
  const pages = Math.min(MAX_PAGE, Math.ceil(newest.length / size));
  const page = Math.min(p.page, Math.max(0, pages - 1));
  const shown = newest.slice(page * size, (page + 1) * size);
  if (shown.length === 0) return { kind: 'text', lines: [t.t('latest.none')], ...(p.pressed ? { replace: true } : {}) };
  const reply: Reply = {
    kind: 'text', title: pageTitle(t.t('latest.title', { count: shown.length }), page, pages), lines: shown.map((a) => articleLine(a, req.now, t)),
    ...(p.pressed ? { replace: true } : {}),
  };
  const make = buttonMaker(ctx.buttons, ctx.store, req, p.at);
  if (!make) return reply;
  return { ...reply, buttons: pagerRows(make, t, { page, hasNext: page + 1 < pages }, (to) => ({ kind: 'latest', page: to, size })) };
}

/** Lower-case words of letters and digits: what /search looks for. */
export function searchWords(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** /search <words>: stored articles holding every word, title matches and newer first. */
export async function searchCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const query = searchWords(req.args.join(' '));
  if (query.length === 0) return { kind: 'error', text: t.t('search.empty'), usage: t.t('usage.search') };
  if (query.length > MAX_WORDS) return { kind: 'error', text: t.t('search.tooMany', { max: MAX_WORDS }), usage: t.t('usage.search') };
  return searchPage(req, ctx, t, query, { page: 0, at: req.now });
}

/** Page `p.page` of the articles matching every word of `query`. */
export async function searchPage(req: CommandRequest, ctx: CommandContext, t: Translator, query: string[], p: PageAt): Promise<Reply> {
  const hits: { a: Article; score: number }[] = [];
  for (const a of await visibleArticles(req, ctx, p.at)) {
    const title = new Set(searchWords(a.title));
    const body = `${a.title}\n${a.description ?? ''}\n${a.text}`.toLowerCase();
    if (!query.every((w) => title.has(w) || body.includes(w))) continue;
    hits.push({ a, score: query.filter((w) => title.has(w)).length });
  }
  hits.sort((x, y) => y.score - x.score || articleTime(y.a).localeCompare(articleTime(x.a)));
  const replace = p.pressed ? { replace: true } : {};
  if (hits.length === 0) return { kind: 'text', lines: [t.t('search.none', { query: clip(query.join(' ')) })], ...replace };
  const pages = Math.min(MAX_PAGE, Math.ceil(hits.length / SEARCH_PAGE));
  const page = Math.min(p.page, pages - 1);
  const top = hits.slice(page * SEARCH_PAGE, (page + 1) * SEARCH_PAGE);
  const title = pageTitle(t.t('search.title', { count: hits.length, query: clip(query.join(' ')) }), page, pages);
  const reply: Reply = { kind: 'text', title, lines: top.map((h) => articleLine(h.a, req.now, t)), ...replace };
  const make = buttonMaker(ctx.buttons, ctx.store, req, p.at);
  if (!make || pages < 2) return reply;
  const ref = await make.ref(query.join(' '), (r) => ({ kind: 'search', page: MAX_PAGE, query: r }));
  return { ...reply, buttons: pagerRows(make, t, { page, hasNext: page + 1 < pages }, (to) => ({ kind: 'search', page: to, query: ref })) };
}
