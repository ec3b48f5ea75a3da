/**
 * Reads a bot command out of a Telegram message the way Telegram marks it: a `bot_command`
 * entity at offset 0. Pure; no telegraf types, so it is tested with plain objects.
 * https://core.telegram.org/bots/features#commands
 */

/** The parts of a Telegram message this parser reads. */
export interface CommandMessage {
  text?: string;
  entities?: readonly { type: string; offset: number; length: number }[];
}

/**
 * What a message means to this bot:
 * - `command`: a command for us (`/digest climate`, `/digest@OurBot climate`);
 * - `not-for-us`: a command addressed to another bot in a group (`/digest@OtherBot`);
 * - `none`: no command (plain text, a command later in the text, a caption).
 */
export type ParsedCommand =
  | { kind: 'command'; command: string; args: string[] }
  | { kind: 'not-for-us' }
  | { kind: 'none' };

/** Parses `/cmd[@bot] args…`; `botUsername` is ours, without the `@`. Bot usernames compare case-insensitively. */
export function parseCommand(message: CommandMessage, botUsername: string): ParsedCommand {
  const text = message.text;
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (text === undefined || !entity || !text.startsWith('/')) return { kind: 'none' };
  const token = text.slice(1, entity.length);
  const at = token.indexOf('@');
  const name = (at === -1 ? token : token.slice(0, at)).toLowerCase();
  const target = at === -1 ? null : token.slice(at + 1);
  if (target !== null && target.toLowerCase() !== botUsername.toLowerCase()) return { kind: 'not-for-us' };
  if (name === '') return { kind: 'none' };
  const args = text.slice(entity.length).split(/\s+/).filter(Boolean);
  return { kind: 'command', command: name, args };
}
