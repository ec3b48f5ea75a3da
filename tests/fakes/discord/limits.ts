/**
 * Discord's message limits, checked the way Discord does: an over-limit body is refused with
 * 400 {code: 50035, message: "Invalid Form Body", errors: {...}}. The libraries do not check
 * most of these, so the fake must (PLATFORM-NOTES.md, "Limits").
 */

interface EmbedLike {
  title?: string;
  description?: string;
  url?: string;
  thumbnail?: { url?: string };
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

/** A message component as sent: an action row (type 1) of buttons (type 2). */
export interface ComponentLike {
  type?: number;
  style?: number;
  label?: string;
  custom_id?: string;
  url?: string;
  components?: ComponentLike[];
}

export interface MessageBodyLike {
  content?: string | null;
  embeds?: EmbedLike[] | null;
  components?: ComponentLike[] | null;
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
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
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
    if (e.thumbnail !== undefined) {
      // Discord fetches the picture: an http(s) URL (or an attachment:// of the same message) only.
      const u = e.thumbnail.url ?? '';
      if (!/^(https?|attachment):\/\//i.test(u)) err.thumbnail = { url: { _errors: [{ code: 'URL_TYPE_INVALID_SCHEME', message: `Scheme "${u.split(':')[0]}" is not supported. Scheme must be one of ('http', 'https').` }] } };
      else if (/^https?:/i.test(u) && urlError(u)) err.thumbnail = { url: urlError(u) };
    }
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
  const components = componentErrors(body.components ?? []);
  if (components) errors.components = components;
  const empty = !body.content && embeds.length === 0;
  if (empty) errors.content = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'Cannot send an empty message' }] };
  return Object.keys(errors).length > 0 ? errors : null;
}

const fail = (code: string, message: string) => ({ _errors: [{ code, message }] });

/**
 * Discord's checks of message components (https://discord.com/developers/docs/components/reference):
 * at most 5 action rows, each of 1–5 buttons; a button's label at most 80 characters; a custom_id of
 * 1–100 characters, unique in the message, on every non-link button; a link button (style 5) has a url and no custom_id.
 */
export function componentErrors(rows: readonly ComponentLike[]): FormErrors | null {
  const L = DISCORD_LIMITS;
  if (!Array.isArray(rows)) return fail('MODEL_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (rows.length > L.actionRows) return fail('BASE_TYPE_MAX_LENGTH', `Must be ${L.actionRows} or fewer in length.`);
  const errors: FormErrors = {};
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== 1) return void (errors[i] = { type: fail('UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).') });
    const buttons: ComponentLike[] = row.components ?? [];
    if (buttons.length === 0 || buttons.length > L.buttonsPerRow) return void (errors[i] = { components: fail('BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${L.buttonsPerRow} in length.`) });
    const per: FormErrors = {};
    buttons.forEach((b, j) => {
      const e: FormErrors = {};
      if (b.type !== 2) e.type = fail('UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2,).');
      if (!Number.isInteger(b.style) || (b.style as number) < 1 || (b.style as number) > 5) e.style = fail('BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5}.');
      if ((b.label?.length ?? 0) > L.buttonLabel) e.label = tooLong(L.buttonLabel);
      if (b.style === 5) {
        if (!b.url || urlError(b.url)) e.url = badUrl;
        if (b.custom_id !== undefined) e.custom_id = fail('BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A link button cannot have a custom id');
      } else if (typeof b.custom_id !== 'string' || b.custom_id.length === 0 || b.custom_id.length > L.customId) {
        e.custom_id = fail('BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${L.customId} in length.`);
      } else if (ids.has(b.custom_id)) {
        e.custom_id = fail('COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      } else ids.add(b.custom_id);
      if (Object.keys(e).length > 0) per[j] = e;
    });
    if (Object.keys(per).length > 0) errors[i] = { components: per };
  });
  return Object.keys(errors).length > 0 ? errors : null;
}
