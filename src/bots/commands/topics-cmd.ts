import { clip, parseTopicWords } from './args.js';
import { loadSettings, saveSettings, updateSettings } from './settings.js';
import type { Refusal } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Subscription } from '../../model.js';
import { english, type MessageKey, type Translator } from '../../i18n/i18n.js';

function show(sub: Subscription, prefix: MessageKey | null, t: Translator): Reply {
  return {
    kind: 'text',
    private: true,
    lines: [
      ...(prefix ? [t.t(prefix)] : []),
      t.t('topics.following', { topics: sub.topics.length ? t.list(sub.topics) : t.t('topics.everything') }),
      t.t('topics.muted', { mutes: sub.mutes.length ? t.list(sub.mutes) : t.t('topics.nothing') }),
    ],
  };
}

/** /topics add|remove|list|clear <words>: words to follow; "-word" mutes. */
export async function topicsCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const [action = 'list', ...rest] = req.args;
  const verb = action.toLowerCase();
  const refuse = (text: string): Reply => ({ kind: 'error', text, usage: t.t('usage.topics'), private: true });
  if (verb === 'list') return show(await loadSettings(ctx.store, req, ctx.config), null, t);
  if (verb === 'clear') {
    return show(await saveSettings(ctx.store, req, ctx.config, (sub) => ({ ...sub, topics: [], mutes: [] })), 'topics.cleared', t);
  }
  if (verb !== 'add' && verb !== 'remove') return refuse(t.t('error.unknownAction', { action: clip(action) }));
  const parsed = parseTopicWords(rest);
  if (!parsed.ok) return refuse(t.say(parsed.reason));
  const { topics, mutes } = parsed.value;
  if (topics.length + mutes.length === 0) return refuse(t.t(verb === 'add' ? 'topics.giveAdd' : 'topics.giveRemove'));
  // Decided against the current record inside the atomic update, so a concurrent change is never undone.
  // The change never returns null: either a refusal or the new settings.
  const saved = (await updateSettings(ctx.store, req, ctx.config, (sub) => {
    if (verb === 'remove') {
      const drop = new Set([...topics, ...mutes]);
      return { ...sub, topics: sub.topics.filter((t) => !drop.has(t)), mutes: sub.mutes.filter((m) => !drop.has(m)) };
    }
    const nextTopics = [...new Set([...sub.topics, ...topics])];
    const nextMutes = [...new Set([...sub.mutes, ...mutes])];
    if (nextTopics.length + nextMutes.length > ctx.chatLimits.topicWords) {
      return { refuse: refuse(t.t('topics.limit', { max: ctx.chatLimits.topicWords })) };
    }
    return { ...sub, topics: nextTopics.filter((t) => !mutes.includes(t)), mutes: nextMutes.filter((m) => !topics.includes(m)) };
  })) as Subscription | Refusal;
  if ('refuse' in saved) return saved.refuse;
  return show(saved, verb === 'add' ? 'topics.updated' : 'topics.removed', t);
}
