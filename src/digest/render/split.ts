/** Splits plain text into pieces of at most `max` code units, at line or word boundaries. */
export function splitPlain(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  const push = (piece: string): void => {
    const next = cur ? `${cur}\n${piece}` : piece;
    if (next.length <= max) {
      cur = next;
      return;
    }
    if (cur) out.push(cur);
    cur = '';
    let rest = piece;
    while (rest.length > max) {
      let cut = rest.lastIndexOf(' ', max);
      if (cut < max * 0.5) cut = max;
      if (rest.charCodeAt(cut - 1) >= 0xd800 && rest.charCodeAt(cut - 1) <= 0xdbff) cut--;
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    cur = rest;
  };
  for (const line of lines) push(line);
  if (cur || out.length === 0) out.push(cur);
  return out;
}

/** Most messages one command reply (a list: /latest, /search, /feeds list, /status) is sent as; a digest keeps its own split. */
export const MAX_REPLY_MESSAGES = 3;

/** What ends a reply that was cut to MAX_REPLY_MESSAGES. */
export const CUT_NOTE = '… shortened: more than fits in 3 messages, ask for fewer';

/**
 * The first `maxMessages` pieces; when there were more, the last kept piece ends with CUT_NOTE
 * (whole lines dropped from its end to make room within `max`; pieces are already escaped).
 */
export function capPieces(pieces: string[], maxMessages: number, max: number): string[] {
  if (pieces.length <= maxMessages) return pieces;
  const kept = pieces.slice(0, maxMessages);
  let last = kept[maxMessages - 1] ?? '';
  while (last.length + 1 + CUT_NOTE.length > max) {
    const nl = last.lastIndexOf('\n');
    // Whole lines only: a cut inside an escaped line could split an escape from what it escapes.
    last = nl > 0 ? last.slice(0, nl) : '';
  }
  kept[maxMessages - 1] = last ? `${last}\n${CUT_NOTE}` : CUT_NOTE;
  return kept;
}
