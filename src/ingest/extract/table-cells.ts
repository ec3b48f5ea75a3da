/**
 * Tables printed one cell a line, as a page's text comes out of a `<table>`: a long run of short
 * lines, a good share of them bare numbers that do not just count up (a pager, a slide counter:
 * "1", "2", "3"…). Their lines are part of the article they stand in (standings, results,
 * prices), though no line of them is prose. The row length is the period of the run's pattern of
 * numbers and words, so the cells can be put back into rows.
 */

/** Shortest run of cell-sized lines read as a table. */
const MIN_CELLS = 16;
/** Share of the run's lines that are bare numbers. */
const MIN_NUMERIC = 0.3;
/** Widest row looked for. */
const MAX_COLUMNS = 12;

const NUMERIC = /^[-+−–(]?[$€£¥]?\d[\d\s.,:%/]*[)%]?$/u;

/** A line that fits in a table cell: a few words at most. */
const cellSized = (text: string, words: number): boolean => words <= 6 && text.length <= 40;

/**
 * For every line of `lines` (text and word count): its column in a table printed one cell a
 * line, counted from 0 at the start of each row, or -1 for a line that is no table cell.
 */
export function tableColumns(lines: readonly { text: string; words: number }[]): number[] {
  const out = lines.map(() => -1);
  for (let i = 0; i < lines.length; ) {
    if (!cellSized(lines[i]!.text, lines[i]!.words)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && cellSized(lines[j]!.text, lines[j]!.words)) j++;
    const numeric = lines.slice(i, j).map((l) => NUMERIC.test(l.text));
    if (j - i >= MIN_CELLS && isTable(lines.slice(i, j).map((l) => l.text), numeric)) {
      const width = rowLength(numeric);
      for (let k = i; k < j; k++) out[k] = (k - i) % width;
    }
    i = j;
  }
  return out;
}

/** Many bare numbers, and not merely a count 1, 2, 3… */
function isTable(texts: readonly string[], numeric: readonly boolean[]): boolean {
  const numbers = texts.filter((_, k) => numeric[k]).map((t) => Number.parseFloat(t.replace(/[^\d.]/g, '')));
  if (numbers.length < texts.length * MIN_NUMERIC) return false;
  let counting = 0;
  for (let k = 1; k < numbers.length; k++) if (numbers[k] === numbers[k - 1]! + 1) counting++;
  return counting < (numbers.length - 1) * 0.5;
}

/** The shortest period of the run's number/word pattern (a header row aside, the lines agree), else 1. */
function rowLength(numeric: readonly boolean[]): number {
  for (let width = 2; width <= MAX_COLUMNS && width * 3 <= numeric.length; width++) {
    let same = 0;
    for (let k = width; k < numeric.length; k++) if (numeric[k] === numeric[k - width]) same++;
    if (same >= (numeric.length - width) * 0.85) return width;
  }
  return 1;
}
