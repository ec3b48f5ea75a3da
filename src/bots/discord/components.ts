/**
 * Buttons as Discord message components, within Discord's limits: at most 5 action rows per
 * message, 5 buttons per row, a custom_id of 1–100 characters and a label of at most 80.
 * https://discord.com/developers/docs/components/reference#action-row · #button
 */
import type { Button, DigestButtons } from '../commands/types.js';

export const COMPONENT_LIMITS = { rows: 5, buttonsPerRow: 5, customId: 100, label: 80 } as const;

/** Button styles newsbot uses: primary (blurple) and secondary (grey). */
const PRIMARY = 1;
const SECONDARY = 2;

export interface DiscordButton {
  type: 2;
  style: typeof PRIMARY | typeof SECONDARY;
  label: string;
  custom_id: string;
}

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

const label = (text: string): string => (text.length <= COMPONENT_LIMITS.label ? text : `${text.slice(0, COMPONENT_LIMITS.label - 1)}…`);

function button(b: Button, style: DiscordButton['style']): DiscordButton | null {
  // The codec keeps data within 64 bytes; anything else is not ours to send.
  if (b.data.length === 0 || b.data.length > COMPONENT_LIMITS.customId) return null;
  return { type: 2, style, label: label(b.label), custom_id: b.data };
}

/** Rows of at most 5, at most 5 rows: what does not fit is left out rather than refused by Discord. */
function pack(buttons: readonly DiscordButton[], rows: DiscordActionRow[]): void {
  for (let i = 0; i < buttons.length && rows.length < COMPONENT_LIMITS.rows; i += COMPONENT_LIMITS.buttonsPerRow) {
    rows.push({ type: 1, components: buttons.slice(i, i + COMPONENT_LIMITS.buttonsPerRow) });
  }
}

/** A reply's button rows (a row longer than 5 continues on the next). */
export function toActionRows(rows: readonly (readonly Button[])[]): DiscordActionRow[] {
  const out: DiscordActionRow[] = [];
  for (const row of rows) pack(row.map((b) => button(b, PRIMARY)).filter((b) => b !== null), out);
  return out;
}

/**
 * The rows under one digest message holding `stories` (numbered as shown): "Summary 1 … Summary 5",
 * then "Sources 1 … Sources 5" (10 stories, the most one message holds, take 4 rows), then More
 * stories under the last message.
 */
export function digestRows(buttons: DigestButtons, stories: readonly { id: string; n: number }[], last: boolean): DiscordActionRow[] {
  const kinds: DiscordButton[][] = [[], []];
  for (const { id, n } of stories) {
    (buttons.stories[id] ?? []).slice(0, 2).forEach((b, k) => {
      const made = button({ label: `${b.label} ${n}`, data: b.data }, SECONDARY);
      if (made) kinds[k]!.push(made);
    });
  }
  const rows: DiscordActionRow[] = [];
  const more = last && buttons.more ? button(buttons.more, PRIMARY) : null;
  // More stories keeps its row: the story rows give way first.
  const room = COMPONENT_LIMITS.rows - (more ? 1 : 0);
  for (const kind of kinds) pack(kind, rows);
  rows.splice(room);
  if (more) rows.push({ type: 1, components: [more] });
  return rows;
}
