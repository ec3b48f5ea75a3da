/**
 * The buttons commands put under their answers: each digest story's Summary and Sources, More
 * stories under a digest, Previous / Next under a /latest or /search page. Platform-neutral: the
 * data is signed here (buttons-codec.ts) and each platform renders the buttons its own way.
 */
import type { Story } from '../../digest/types.js';
import type { Translator } from '../../i18n/i18n.js';
import type { Store } from '../../store/store.js';
import { encodePress, fits, inlineable, noteKey } from './buttons-codec.js';
import type { ButtonAction, ButtonSigner, TextRef } from './buttons-codec.js';
import type { Button, CommandRequest, DigestButtons } from './types.js';

/** Buttons of one answer: signed for the chat that asked, issued at `at` (the request's time). */
export interface ButtonMaker {
  /** A button doing `action`. */
  button(label: string, action: ButtonAction): Button;
  /**
   * How buttons refer to `text`: inline when `probe` (the longest action that will carry it) fits,
   * else through a note kept in the store as long as the buttons work.
   */
  ref(text: string, probe: (ref: TextRef) => ButtonAction): Promise<TextRef>;
}

/** The chat a button is bound to ("telegram:123"). */
export const pressChat = (req: Pick<CommandRequest, 'platform' | 'chatId'>): string => `${req.platform}:${req.chatId}`;

/** A ButtonMaker for `req`, or null when buttons are off (no signer configured). */
export function buttonMaker(signer: ButtonSigner | undefined, store: Store, req: CommandRequest, at: Date = req.now): ButtonMaker | null {
  if (!signer) return null;
  const chat = pressChat(req);
  const button = (label: string, action: ButtonAction): Button => ({ label, data: encodePress(signer, chat, action, at) });
  return {
    button,
    async ref(text, probe) {
      if (inlineable(text) && fits(encodePress(signer, chat, probe({ text }), at))) return { text };
      const note = noteKey(text);
      await store.putNote({ key: note, text, expiresAt: new Date(at.getTime() + signer.ttlMs).toISOString() });
      return { note };
    },
  };
}

/** The text a reference stands for, or null when its note is gone (pruned after it expired). */
export async function resolveText(store: Store, ref: TextRef): Promise<string | null> {
  if ('text' in ref) return ref.text;
  return (await store.getNote(ref.note))?.text ?? null;
}

/** Summary and Sources for every story; More stories (the next page) when `more` is given. */
export function digestButtons(make: ButtonMaker, t: Translator, stories: readonly Story[], more: Button | null): DigestButtons {
  const out: Record<string, Button[]> = {};
  for (const s of stories) {
    out[s.id] = [make.button(t.t('button.summary'), { kind: 'summary', story: s.id }), make.button(t.t('button.sources'), { kind: 'sources', story: s.id })];
  }
  return more ? { stories: out, more } : { stories: out };
}

/** The Previous / Next row of a page (absent buttons left out; no row at all on a lone page). */
export function pagerRows(make: ButtonMaker, t: Translator, at: { page: number; hasNext: boolean }, turn: (page: number) => ButtonAction): Button[][] {
  const row: Button[] = [];
  if (at.page > 0) row.push(make.button(`◀ ${t.t('button.previous')}`, turn(at.page - 1)));
  if (at.hasNext) row.push(make.button(`${t.t('button.next')} ▶`, turn(at.page + 1)));
  return row.length > 0 ? [row] : [];
}
