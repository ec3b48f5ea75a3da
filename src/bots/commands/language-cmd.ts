import { LANGUAGES, languageOf, translator } from '../../i18n/i18n.js';
import { clip } from './args.js';
import { chatTranslator } from './chat-language.js';
import type { CommandContext } from './context.js';
import { loadSettings, saveSettings } from './settings.js';
import type { CommandRequest, Reply } from './types.js';

const CODES = LANGUAGES.join(', ');

/** /language [code] (admin): shows or sets the chat's language for the bot's messages. */
export async function languageCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const code = req.args[0]?.trim() ?? '';
  if (!code) {
    const t = chatTranslator(req, await loadSettings(ctx.store, req, ctx.config));
    return { kind: 'text', private: true, lines: [t.t('language.current', { language: t.t('language.name'), codes: CODES })] };
  }
  const language = languageOf(code);
  if (!language || req.args.length > 1) {
    const t = chatTranslator(req, await loadSettings(ctx.store, req, ctx.config));
    return { kind: 'error', private: true, text: t.t('language.unknown', { code: clip(req.args.join(' '), 20), codes: CODES }), usage: t.t('usage.language') };
  }
  await saveSettings(ctx.store, req, ctx.config, (sub) => ({ ...sub, language }));
  const t = translator(language);
  return { kind: 'text', lines: [t.t('language.set', { language: t.t('language.name') })] };
}
