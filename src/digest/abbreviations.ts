/**
 * Word lists the sentence splitter consults at a full stop. Lower-cased, without the final dot.
 * Kept apart from the splitter so the rules there read as rules, not as lists.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/**
 * Abbreviations that precede what they qualify (a name, a number), so they never end a sentence:
 * "Dr. Smith", "Gen. Tommy Franks", "e.g. Spain", "z.B. Berlin", "Sr. García".
 */
export const NEVER_FINAL = words(`
  mr mrs ms mssrs messrs dr prof gen sen rep gov lt col capt cmdr sgt maj cpl pte adm rev hon pres supt insp det
  st mt ft fr sr sra srta dra jr snr jnr
  e.g i.e eg ie cf viz approx ca
  fig figs vol vols pp ed eds ch chap sec art para no nos nr tel op
  z.b d.h u.a usw bzw vgl ggf evtl hr frau sog
`);

/**
 * Abbreviations that may end a sentence ("… for Apple Inc. The firm said"): they end one only
 * when the next word is a usual sentence opener.
 */
export const MAYBE_FINAL = words(`
  inc ltd corp co plc llc bros etc al vs v jan feb mar apr jun jul aug sep sept oct nov dec
  mon tue tues wed thu thur thurs fri sat sun a.m p.m am pm km kg cm mm ft in oz lb lbs min max dept univ assn
`);

/** Month names (English, German, Spanish) that follow an ordinal dot: "am 3. Oktober", "5. März". */
export const MONTHS = words(`
  januar februar märz april mai juni juli august september oktober november dezember
  jänner enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
  january february march june july october december
`);

/**
 * Words that usually open a sentence. After an ambiguous dot ("in the U.S. The", "Ltd. It") a
 * following opener means the dot ended the sentence; a following name ("U.S. President") does not.
 */
export const OPENERS = words(`
  the a an he she it they we i you his her its their our my this that these those there here
  but and or so yet however meanwhile also then now still if when while after before although though
  in on at for from with by as to of under over during since until about
  mr mrs ms dr some many most all both each one two three no not what who why how where which
  last next earlier later instead other another such
  der die das ein eine er sie es wir ich aber und el la los las un una pero y
`);
