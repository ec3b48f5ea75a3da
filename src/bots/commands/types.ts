import type { Platform } from '../../model.js';
import type { Digest } from '../../digest/types.js';

/** A command as any chat platform delivers it, already parsed into name + arguments. */
export interface CommandRequest {
  platform: Platform;
  /** Where to answer: Telegram chat id, Discord channel id, 'console'. */
  chatId: string;
  /** Who owns settings and feeds: Discord guild id, or the Telegram chat id. */
  scope: string;
  chatType: 'private' | 'group' | 'guild';
  userId: string;
  /** Decided by the adapter (chat admin, Manage Guild, or NEWSBOT_ADMINS). */
  isAdmin: boolean;
  /** Lower-case command name without the slash: 'digest', 'topics', … */
  command: string;
  /** Positional words after the command (Discord options are flattened in declared order). */
  args: string[];
  now: Date;
  /** The user's language as the platform reports it (Discord interaction locale, Telegram language_code). */
  locale?: string;
  /** A file sent with the command (a Telegram document, a Discord attachment), read on demand. */
  attachment?: Attachment;
  /** Set when a button was pressed: its data as the platform gave it back (custom_id, callback_data); `command` is then 'button'. */
  press?: string;
}

/** A file a user sent with a command; `read` downloads it as text, refusing more than `maxBytes`. */
export interface Attachment {
  name: string;
  /** Bytes, when the platform says. */
  size: number | null;
  read(maxBytes: number): Promise<string>;
}

/**
 * A button under a message: its label (plain text, ≤ 80 characters) and the signed data the
 * platform gives back when it is pressed (≤ 64 bytes; src/bots/commands/buttons-codec.ts).
 */
export interface Button {
  label: string;
  data: string;
}

/** A digest's buttons: each story's (by story id; Summary and Sources), and More stories under the last message. */
export interface DigestButtons {
  stories: Readonly<Record<string, readonly Button[]>>;
  more?: Button;
}

/**
 * What a command answers. Text is plain (adapters escape it); `lines` are shown one per line.
 * `private` answers are ephemeral on Discord. `buttons` are rows under the (last) message;
 * `replace` (a page turned with a button) edits the message the button was on instead of sending one.
 * A digest's `firstNumber` numbers its stories from there (a second page starts at 11).
 */
export type Reply =
  | { kind: 'text'; title?: string; lines: string[]; private?: boolean; buttons?: Button[][]; replace?: boolean }
  /** `usageLabel` is "Usage:" in the reader's language (the router sets it with `usage`). */
  | { kind: 'error'; text: string; usage?: string; usageLabel?: string; private?: boolean }
  | { kind: 'digest'; digest: Digest; emptyText: string; buttons?: DigestButtons; private?: boolean; firstNumber?: number }
  /** A file for the user (an OPML export): the platform sends it as a document or attachment. */
  | { kind: 'file'; name: string; mime: string; content: string; caption: string; private?: boolean }
  /** Nothing to send: a flood's further commands, after its one "slow down" notice. */
  | { kind: 'none' };

/** The command handler every adapter calls: platform-neutral, never throws for user mistakes. */
export type CommandHandler = (req: CommandRequest) => Promise<Reply>;

/**
 * What adapters report back about chats, so subscriptions follow reality:
 * a blocked/kicked bot pauses the chat's subscription; a Telegram group upgraded to a
 * supergroup moves its subscription to the new id.
 */
export interface ChatEvents {
  pause(platform: Platform, chatId: string, reason: string, now: Date): Promise<void>;
  migrate(platform: Platform, fromChatId: string, toChatId: string, now: Date): Promise<void>;
}

/** How the router words platform-specific answers (each platform's registry entry supplies it). */
export interface PlatformWording {
  /** Who may run admin commands, as /help says it ("chat administrators"). */
  admins: string;
  /** The refusal for a non-admin ("Only chat administrators can use /topics here."). */
  refusal(command: string): string;
}
