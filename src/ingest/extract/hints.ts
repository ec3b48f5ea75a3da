/**
 * What an element's class, id, role and attributes say about it: article body, page chrome, or
 * hidden. Words are matched as whole tokens ("share-bar" → share, bar; "relatedLinks" →
 * related, links) so that "shadow" is not "ad" and "address" is not "ad".
 */
import { attr, type El } from './dom.js';

/** Tokens of chrome: comments, sharing, related stories, promos, ads, navigation, captions. */
const NEGATIVE = new Set([
  'comment', 'comments', 'share', 'sharing', 'shares', 'sharebar', 'social', 'socials', 'related', 'recommended', 'recommendations',
  'promo', 'promos', 'promotion', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'cookie', 'cookies', 'consent',
  'gdpr', 'advert', 'advertisement', 'advertising', 'ad', 'ads', 'adslot', 'adunit', 'dfp', 'sponsor', 'sponsored', 'sidebar', 'footer',
  'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'popup', 'modal', 'caption', 'captions', 'credit', 'credits',
  'byline', 'author', 'authors', 'tags', 'pagination', 'pager', 'toolbar', 'outbrain', 'taboola', 'trending', 'popular',
  'disqus', 'widget', 'widgets', 'masthead', 'banner', 'skip', 'paywall', 'follow', 'rail', 'meta', 'header', 'dateline',
  'timestamp', 'image', 'img', 'photo', 'gallery', 'slideshow', 'readmore', 'more', 'teaser', 'teasers', 'breaking', 'alert', 'toc', 'print', 'email', 'login', 'supplemental',
]);
/** Prefixes that mark chrome even glued to other words ("sharetools", "commentlist"). */
const NEGATIVE_PREFIX = ['comment', 'share', 'social', 'related', 'newsletter', 'advert', 'sponsor', 'promo', 'cookie', 'outbrain', 'taboola', 'disqus', 'breadcrumb', 'sidebar', 'footer', 'navbar', 'subscri'];
/** Tokens of article text. */
const POSITIVE = new Set(['article', 'articlebody', 'body', 'content', 'entry', 'main', 'post', 'story', 'text', 'prose', 'blog', 'news', 'column', 'hentry']);

/** A few hidden-content class names that are not one token. */
const HIDDEN_CLASS = /(^|\s)(sr-only|visually-hidden|screen-reader-text|screenreader|hide|hidden|u-hidden|is-hidden|d-none)(\s|$)/i;

function tokens(el: El): string[] {
  const raw = `${attr(el, 'class')} ${attr(el, 'id')}`;
  if (raw.length < 2) return [];
  return raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** +1 for article-like class/id words, −1 for chrome words, 0 otherwise or for both. */
export function classHint(el: El): -1 | 0 | 1 {
  let neg = false;
  let pos = false;
  const ts = tokens(el);
  // Embedded posts (tweets, Instagram) quoted in a story are part of it, "social" or not.
  if (ts.includes('embed') || ts.includes('embedded')) return 0;
  for (const t of ts) {
    if (NEGATIVE.has(t) || NEGATIVE_PREFIX.some((p) => t.startsWith(p))) neg = true;
    else if (POSITIVE.has(t)) pos = true;
  }
  return neg ? -1 : pos ? 1 : 0;
}

/** Article-like class/id words only (positive, ignoring negative ones). */
export function hasPositiveHint(el: El): boolean {
  return tokens(el).some((t) => POSITIVE.has(t)) || attr(el, 'itemprop').toLowerCase() === 'articlebody' || attr(el, 'role') === 'main';
}

/** Elements never shown to a reader, or not part of reading: hidden, dialogs, chrome tags. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'figure', 'figcaption', 'dialog', 'form', 'menu', 'address', 'fieldset', 'legend', 'label', 'picture', 'time']);

/** True for elements whose content is hidden from the reader. */
export function isHidden(el: El): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true') return true;
  const style = a.style;
  if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const cls = a.class;
  return cls !== undefined && HIDDEN_CLASS.test(cls);
}

/** Chrome by tag or ARIA role (navigation, complementary, banner, contentinfo, dialog). */
export function isChromeTag(el: El): boolean {
  if (CHROME_TAGS.has(el.name)) return true;
  const role = attr(el, 'role').toLowerCase();
  return role === 'navigation' || role === 'complementary' || role === 'banner' || role === 'contentinfo' || role === 'dialog' || role === 'alert' || role === 'menu';
}
