/**
 * Discord's message limits, checked the way Discord does: an over-limit body is refused with
 * 400 {code: 50035, message: "Invalid Form Body", errors: {...}}. The libraries do not check
 * most of these, so the fake must (PLATFORM-NOTES.md, "Limits").
 */

interface EmbedLike {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string; url?: string };
}

/** RFC 3986 for an http(s) URI (the API refuses others with URL_TYPE_INVALID_URL): no | [ ] ^ etc. after the host, % only as an escape. */
const URI = /^https?:\/\/[^\s/?#]+(?:[/?#](?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?$/;
const badUrl = { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] };

/** Discord's check of a `url` field (embeds, authors, buttons): null when valid. */
export function urlError(url: string | undefined): FormErrors | null {
  return url === undefined || URI.test(url) ? null : badUrl;
}

export interface MessageBodyLike {
  content?: string | null;
  embeds?: EmbedLike[] | null;
}

/** Discord's documented limits (discord-api-types and the developer docs). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
} as const;

type FormErrors = Record<string, unknown>;

const tooLong = (max: number) => ({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }] });

/** Characters Discord counts towards the 6000-per-message embed total. */
export function embedChars(e: EmbedLike): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0);
  for (const f of e.fields ?? []) n += (f.name?.length ?? 0) + (f.value?.length ?? 0);
  return n;
}

/** The `errors` object of Discord's 400 for this body, or null when Discord would accept it. */
export function formErrors(body: MessageBodyLike): FormErrors | null {
  const errors: FormErrors = {};
  const L = DISCORD_LIMITS;
  if ((body.content?.length ?? 0) > L.content) errors.content = tooLong(L.content);
  const embeds = body.embeds ?? [];
  if (embeds.length > L.embeds) errors.embeds = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${L.embeds} or fewer in length.` }] };
  const per: Record<string, FormErrors> = {};
  embeds.forEach((e, i) => {
    const err: FormErrors = {};
    if ((e.title?.length ?? 0) > L.title) err.title = tooLong(L.title);
    if ((e.description?.length ?? 0) > L.description) err.description = tooLong(L.description);
    if ((e.footer?.text?.length ?? 0) > L.footer) err.footer = { text: tooLong(L.footer) };
    if ((e.author?.name?.length ?? 0) > L.authorName) err.author = { name: tooLong(L.authorName) };
    if (urlError(e.url)) err.url = urlError(e.url);
    if (urlError(e.author?.url)) err.author = { ...(err.author as object), url: urlError(e.author?.url) };
    const fields = e.fields ?? [];
    if (fields.length > L.fields) err.fields = tooLong(L.fields);
    fields.forEach((f, j) => {
      const fe: FormErrors = {};
      if ((f.name?.length ?? 0) > L.fieldName) fe.name = tooLong(L.fieldName);
      if ((f.value?.length ?? 0) > L.fieldValue) fe.value = tooLong(L.fieldValue);
      if (Object.keys(fe).length > 0) err.fields = { ...(err.fields as object), [j]: fe };
    });
    if (Object.keys(err).length > 0) per[i] = err;
  });
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > L.embedTotal) {
    errors.embeds = { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${L.embedTotal}` }] };
  }
  if (Object.keys(per).length > 0) errors.embeds = { ...(errors.embeds as object), ...per };
  const empty = !body.content && embeds.length === 0;
  if (empty) errors.content = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'Cannot send an empty message' }] };
  return Object.keys(errors).length > 0 ? errors : null;
}
