import { asciiDigits, describeWeekdays, parseTime, parseTimes, parseWeekdays, parseZone } from './args.js';
import { formatInZone, saveSettings, updateSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Subscription } from '../../model.js';
import { english, type Phrase, type Translator } from '../../i18n/i18n.js';

function nextLine(sub: Subscription, ctx: CommandContext, now: Date, t: Translator): string {
  const next = ctx.nextRun(sub, now);
  return next ? t.t('schedule.next', { when: formatInZone(next, sub.timezone, t) }) : t.t('schedule.noTime');
}

/** /subscribe [HH:MM] [zone]: daily digest in this chat. */
export async function subscribeCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const usage = t.t('usage.subscribe');
  const refuse = (reason: Phrase): Reply => ({ kind: 'error', text: t.say(reason), usage, private: true });
  if (req.args.length > 2) return { kind: 'error', text: t.t('schedule.tooManyArgs'), usage, private: true };
  let times: string[] | null = null;
  let timezone: string | null = null;
  for (const arg of req.args) {
    if (/^\d/.test(asciiDigits(arg))) {
      const time = parseTime(arg);
      if (!time.ok) return refuse(time.reason);
      times = [time.value];
    } else {
      const z = parseZone(arg);
      if (!z.ok) return refuse(z.reason);
      timezone = z.value;
    }
  }
  const saved = await saveSettings(ctx.store, req, ctx.config, (sub) => ({
    ...sub, active: true, paused: null, times: times ?? sub.times, timezone: timezone ?? sub.timezone,
  }));
  return {
    kind: 'text',
    private: true,
    lines: [
      t.t('schedule.subscribed', { times: t.list(saved.times), zone: saved.timezone, days: describeWeekdays(saved.weekdays, t) }),
      nextLine(saved, ctx, req.now, t),
    ],
  };
}

/** /unsubscribe: no more scheduled digests here (topics are kept). */
export async function unsubscribeCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const saved = await updateSettings(ctx.store, req, ctx.config, (sub) => (sub.active ? { ...sub, active: false } : null));
  return { kind: 'text', private: true, lines: [t.t(saved ? 'schedule.unsubscribed' : 'schedule.notSubscribed')] };
}

/** /schedule <HH:MM[,HH:MM…]> [days] [zone]: delivery times, optional days (weekdays, mon-fri, mon,wed,fri), zone. */
export async function scheduleCommand(req: CommandRequest, ctx: CommandContext, t: Translator = english): Promise<Reply> {
  const usage = t.t('usage.scheduleDays');
  const refuse = (text: string): Reply => ({ kind: 'error', text, usage, private: true });
  if (req.args.length === 0) return refuse(t.t('schedule.giveTimes'));
  const timeArgs: string[] = [];
  let days: string | null = null;
  let zone: string | null = null;
  for (const arg of req.args) {
    if (/^\d/.test(asciiDigits(arg))) timeArgs.push(arg);
    else if (/^(daily|every-?day|weekdays|weekends|(sun|mon|tue|wed|thu|fri|sat)[a-z]*([,-]|$))/i.test(arg) && !arg.includes('/')) days = arg;
    else if (zone === null) zone = arg;
    else return refuse(t.t('schedule.unexpected', { arg: arg.slice(0, 40) }));
  }
  const times = parseTimes(timeArgs.join(','), ctx.chatLimits.timesPerDay);
  if (!times.ok) return refuse(t.say(times.reason));
  let weekdays: Subscription['weekdays'] | undefined;
  if (days !== null) {
    const d = parseWeekdays(days);
    if (!d.ok) return refuse(t.say(d.reason));
    weekdays = d.value;
  }
  let timezone: string | null = null;
  if (zone !== null) {
    const z = parseZone(zone);
    if (!z.ok) return refuse(t.say(z.reason));
    timezone = z.value;
  }
  const saved = await saveSettings(ctx.store, req, ctx.config, (sub) => ({
    ...sub, active: true, paused: null, times: times.value, weekdays: weekdays === undefined ? sub.weekdays : weekdays, timezone: timezone ?? sub.timezone,
  }));
  return {
    kind: 'text',
    private: true,
    lines: [
      t.t('schedule.times', { times: t.list(saved.times), days: describeWeekdays(saved.weekdays, t), zone: saved.timezone }),
      nextLine(saved, ctx, req.now, t),
    ],
  };
}
