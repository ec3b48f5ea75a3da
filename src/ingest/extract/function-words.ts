/**
 * Function words: the short, frequent words that make up a third or more of running prose in any
 * language and almost none of a menu, a byline or a list of headlines. Their share of a line
 * (stop-word density, as in jusText) tells prose from page chrome. These lists are grammar, not
 * chrome phrases; a page in another language falls back on the words frequent in the page itself
 * (see `pageFunctionWords`).
 */
const LISTS = [
  // English
  'a an the and or but of to in on at by for with from as is are was were be been has have had it its this that these those he she they we you i his her their our not no than then there which who what when will would can could said also if so about after over into up out more one',
  // German
  'der die das den dem des ein eine einen einem einer und oder aber in im an am auf aus bei mit nach von vor zu zum zur ist sind war waren wird werden hat haben nicht auch sich es er sie wir ich dass als wie noch nur',
  // French
  'le la les l un une des du de et ou mais dans sur par pour avec sans est sont était a ont pas ne plus ce cette ces il elle ils elles nous vous qui que qu au aux se sa son ses leur d',
  // Spanish and Portuguese
  'el la los las un una unos unas y o pero de del en con por para sin es son fue era ha han no más este esta estos ese esa se su sus que al lo le les como o os as um uma e do da dos das em no na nos nas com não mais foi é',
  // Italian and Dutch
  'il lo gli di da per con su tra fra è sono che non più anche del della dei delle nel nella het een en van op te dat die voor met zijn niet aan ook bij als maar om er',
  // Indonesian and Malay, Turkish, Polish
  'yang dan di ke dari untuk dengan ini itu tidak ada akan dalam pada juga atau karena kita kami saya mereka oleh bahwa sudah telah bisa ve bir bu da de için ile ama çok gibi daha olan olarak en ne ki o i w z na się nie do to że jest od po jak tak za ale co przez',
  // Swedish, Danish, Norwegian
  'och att det som en ett är av för med till på den inte har om var jag han hon de vi og er af til med ikke som på har det jeg',
  // Russian
  'и в во не на с со что как по к ко из за от до у о об это он она они мы вы я его ее её их был была были быть но а или для же ли бы то так уже',
];

/** The function words of the languages above, lower case. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(LISTS.join(' ').split(' '));

/**
 * The page's own function words: tokens found in many of its long lines (prose repeats its
 * grammar words from line to line; content and menu words recur in few long lines). Used where
 * the fixed lists cover little of the page, as for a language they do not know.
 */
export function pageFunctionWords(lineTokens: readonly (readonly string[])[]): Set<string> {
  const long = lineTokens.filter((t) => t.length >= 10);
  const df = new Map<string, number>();
  for (const t of long) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const min = Math.max(3, long.length * 0.3);
  const out = new Set<string>();
  // Grammar words are short; a page's topic words are frequent too, but longer.
  for (const [w, n] of [...df].sort((a, b) => b[1] - a[1]).slice(0, 30)) if (n >= min && [...w].length <= 4 && !/\p{N}/u.test(w)) out.add(w);
  return out;
}
