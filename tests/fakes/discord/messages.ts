/**
 * The messages the fake Discord holds, by id, as Discord gives them back (components included):
 * channel messages, interaction responses and follow-ups. A button click names one of them.
 */

/** A message-shaped body the bot sent (content, embeds, allowed_mentions, flags). */
export type SentBody = Record<string, unknown> & {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; thumbnail?: { url?: string } }[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
  components?: { type: number; components?: { type: number; label?: string; custom_id?: string; style?: number }[] }[];
};

/** Everything the bot answered to one interaction, in order. */
export interface InteractionLog {
  id: string;
  token: string;
  channelId: string;
  /** 2 command, 3 button click, 4 autocomplete. */
  type: number;
  /** The clicked message (a button click). */
  clicked?: string;
  /** The message the response is (@original): created by callback 4/5, the clicked one for 6/7. */
  original: string | null;
  /** Ids of the follow-up messages, in order. */
  followUpIds: string[];
  /** Bodies POSTed to /interactions/:id/:token/callback ({type, data}). */
  callbacks: { type: number; data?: SentBody & { choices?: { name: string; value: string }[] } }[];
  /** PATCH …/messages/@original bodies. */
  edits: SentBody[];
  followUps: SentBody[];
  deletes: number;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  body: SentBody;
  /** Seen only by the member the interaction came from (flags 64). */
  ephemeral: boolean;
}

interface ButtonLike { type?: number; label?: string; custom_id?: string }

/** The buttons of a message body, in order. */
export function buttonsOf(body: SentBody): ButtonLike[] {
  const rows = (body.components ?? []) as { components?: ButtonLike[] }[];
  return rows.flatMap((r) => r.components ?? []).filter((c) => c.type === 2);
}

export class FakeMessages {
  private readonly byId = new Map<string, StoredMessage>();
  private readonly order: string[] = [];

  constructor(private readonly nextId: () => string) {}

  add(channelId: string, body: SentBody, ephemeral = false): StoredMessage {
    const m = { id: this.nextId(), channelId, body, ephemeral };
    this.byId.set(m.id, m);
    this.order.push(m.id);
    return m;
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  /** PATCH semantics: the fields given replace the message's, the others stay. */
  edit(id: string, body: SentBody): StoredMessage | undefined {
    const m = this.byId.get(id);
    if (!m) return undefined;
    m.body = { ...m.body, ...body };
    return m;
  }

  /** The newest message with a button whose label matches (in a channel, when given). */
  withButton(label: RegExp, channelId?: string): { message: StoredMessage; customId: string } | null {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const m = this.byId.get(this.order[i]!)!;
      if (channelId !== undefined && m.channelId !== channelId) continue;
      const b = buttonsOf(m.body).find((x) => label.test(x.label ?? ''));
      if (b?.custom_id) return { message: m, customId: b.custom_id };
    }
    return null;
  }
}
