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
