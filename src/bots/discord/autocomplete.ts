/**
 * Autocomplete answers: time zones for `timezone`, the chat's topics (and frequent words) for
 * `topic`/`words`. Discord shows at most 25 choices of at most 100 characters each.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete
 */

/** Where topic suggestions come from (the app passes a function over the store). */
export interface TopicSource {
  /** Topics of the chat plus frequent words, best first; `scope` is the guild id (or the DM channel id). */
  topics(scope: string, chatId: string, prefix: string): Promise<string[]>;
}

export interface Choice {
  name: string;
  value: string;
}

export const MAX_CHOICES = 25;

let zones: string[] | null = null;

/** Every IANA zone Intl knows, plus UTC (which supportedValuesOf leaves out). */
function allZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

/** Zones matching what was typed: prefix matches first (on the whole name or its city), then substrings. */
export function timezoneChoices(typed: string): Choice[] {
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const list = allZones();
  if (!q) return list.slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
  const prefix: string[] = [];
  const inside: string[] = [];
  for (const z of list) {
    const lower = z.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    if (lower.startsWith(q) || city.startsWith(q)) prefix.push(z);
    else if (lower.includes(q)) inside.push(z);
  }
  return [...prefix, ...inside].slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}

/**
 * Topic suggestions. For a multi-word option (`words`) only the last word is completed and the
 * words already typed are kept in front, so picking a choice does not erase them.
 */
export async function topicChoices(source: TopicSource | undefined, scope: string, chatId: string, typed: string): Promise<Choice[]> {
  if (!source) return [];
  const parts = typed.split(/\s+/);
  const last = (parts.pop() ?? '').toLowerCase();
  const head = parts.filter(Boolean).join(' ');
  const mute = last.startsWith('-') ? '-' : '';
  const prefix = mute ? last.slice(1) : last;
  const words = await source.topics(scope, chatId, prefix);
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const w of words) {
    const word = w.trim().toLowerCase();
    if (!word || seen.has(word) || (prefix && !word.includes(prefix))) continue;
    seen.add(word);
    const value = `${head ? `${head} ` : ''}${mute}${word}`;
    if (value.length > 100) continue;
    out.push({ name: value, value });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}
