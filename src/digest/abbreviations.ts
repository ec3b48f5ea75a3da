/**
 * Word lists the sentence splitter consults at a full stop, per language. Lower-cased, without
 * the final dot; multi-part abbreviations ("z. B.", "EE. UU.", "т. е.") are written joined by a dot
 * ("z.b", "ee.uu", "т.е") and match with or without the space. Kept apart from the splitter so
 * the rules there read as rules, not as lists.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));
const NONE: ReadonlySet<string> = new Set();
const union = (...sets: ReadonlySet<string>[]): ReadonlySet<string> => new Set(sets.flatMap((x) => [...x]));

/** The lists of one language. */
export interface AbbreviationRules {
  /** Abbreviations that precede what they qualify (a name, a number), so they never end a sentence. */
  neverFinal: ReadonlySet<string>;
  /** Abbreviations that may end a sentence: they end one only when a usual sentence opener follows. */
  maybeFinal: ReadonlySet<string>;
  /** Month names that follow an ordinal dot ("am 3. Oktober"). */
  months: ReadonlySet<string>;
  /** Words that usually open a sentence, lower-cased. */
  openers: ReadonlySet<string>;
  /** Whether "5." before a capitalised noun is an ordinal ("der 5. Streik"), as in German. */
  ordinalDot: boolean;
  /** Abbreviations that end a sentence after a number when a capital follows ("в 2025 г. Путин"). */
  afterNumber: ReadonlySet<string>;
}

const EN = {
  neverFinal: words(`
    mr mrs ms mssrs messrs dr prof gen sen rep gov lt col capt cmdr sgt maj cpl pte adm rev hon pres supt insp det
    st mt ft fr sr sra srta dra jr snr jnr e.g i.e eg ie cf viz approx ca
    fig figs vol vols pp ed eds ch chap sec art para no nos nr tel op
  `),
  maybeFinal: words(`
    inc ltd corp co plc llc bros etc al vs v jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun a.m p.m am pm km kg cm mm ft in oz lb lbs min max dept univ assn
  `),
  months: words('january february march april may june july august september october november december'),
  openers: words(`
    the a an he she it they we i you his her its their our my this that these those there here
    but and or so yet however meanwhile also then now still if when while after before although though
    in on at for from with by as to of under over during since until about
    mr mrs ms dr some many most all both each one two three no not what who why how where which
    last next earlier later instead other another such
  `),
};

const DE = {
  neverFinal: words(`
    z.b d.h u.a o.ä u.ä s.o s.u v.a i.d.r z.t z.zt usw bzw vgl ggf evtl hr frau sog dr prof st nr abs art bd hrsg
    ca inkl exkl zzgl abzgl
  `),
  maybeFinal: words('mio mrd tsd etc usw jh jhd jan feb febr mär apr jun jul aug sep sept okt nov dez str'),
  months: words('januar jänner februar feber märz april mai juni juli august september oktober november dezember'),
  openers: words(`
    der die das den dem des ein eine einer er sie es wir ich ihr man dies diese dieser dieses
    aber und oder doch denn auch dann nun noch wenn als nach vor seit bei mit in im am an auf aus für um zum zur
    danach dabei damit deshalb daher trotzdem zudem außerdem inzwischen jetzt heute zuvor später so
  `),
};

const FR = {
  neverFinal: words('m mm mme mmes mlle mlles mgr me pr dr st ste av bd boul n° no art p pp cf env chap vol éd'),
  maybeFinal: words('etc janv févr avr juil sept oct nov déc cie'),
  months: words('janvier février mars avril mai juin juillet août septembre octobre novembre décembre'),
  openers: words(`
    le la les l un une des il elle ils elles on nous vous je ce cette ces c mais et ou donc puis alors
    selon après avant depuis pendant en dans à au aux pour par sur sous avec lors si quand
  `),
};

const ES = {
  neverFinal: words('sr sra srta sres sras dr dra dres ud uds d dña lic ing arq prof gral av avda pág págs núm art cap vol c.c'),
  maybeFinal: words('ee.uu etc aprox ene feb abr ago sept oct nov dic cía s.a s.l'),
  months: words('enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre'),
  openers: words(`
    el la los las lo un una unos unas él ella ellos ellas este esta estos estas ese esa eso
    pero y o sin también además entonces según tras después antes desde durante en con por para al del si cuando
  `),
};

const RU = {
  neverFinal: words('т.е т.к т.н т.ч т.о т.п т.д с.г им ул пр просп пер д кв корп стр обл р-н с пос дер проф акад доц см ср напр ок св'),
  maybeFinal: words('г гг в вв т.д т.п и.т.д тыс млн млрд руб коп долл др пр'),
  months: words('января февраля марта апреля мая июня июля августа сентября октября ноября декабря'),
  openers: words(`
    в во на по с со к ко о об от из за у для при после до как но и а однако это этот эта эти он она они мы я
    его её их там тогда теперь также кроме если когда хотя ранее
  `),
  afterNumber: words('г гг тыс млн млрд руб коп долл'),
};

/**
 * English text, and text of unknown language: the lists the splitter was tuned with on English
 * news, which also know the commonest German and Spanish abbreviations and openers.
 */
const DEFAULT: AbbreviationRules = {
  neverFinal: union(EN.neverFinal, words('z.b d.h u.a usw bzw vgl ggf evtl hr frau sog')),
  maybeFinal: EN.maybeFinal,
  months: words(`
    januar februar märz april mai juni juli august september oktober november dezember
    jänner enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    january february march june july october december
  `),
  openers: union(EN.openers, words('der die das ein eine er sie es wir ich aber und el la los las un una pero y')),
  ordinalDot: false,
  afterNumber: NONE,
};

/** Languages that write ordinals with a dot ("3. Oktober", "5. Platz"). */
const ORDINAL_DOT = new Set('de da nb no fi cs sk sl hr sr bs pl hu et lv is tr'.split(' '));

type OwnRules = Omit<AbbreviationRules, 'ordinalDot' | 'afterNumber'> & { afterNumber?: ReadonlySet<string> };
const BY_LANGUAGE: Readonly<Record<string, OwnRules>> = { de: DE, fr: FR, es: ES, ru: RU };
const cache = new Map<string, AbbreviationRules>();

/**
 * The lists for a language: its own plus the English abbreviations (names like "U.S." and titles
 * like "Dr." cross languages). English and unknown languages keep the default lists.
 */
export function abbreviationRules(language: string | null | undefined): AbbreviationRules {
  const code = language?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (code === '' || code === 'en') return DEFAULT;
  let rules = cache.get(code);
  if (rules) return rules;
  const own = BY_LANGUAGE[code];
  rules = {
    neverFinal: union(EN.neverFinal, own?.neverFinal ?? NONE),
    maybeFinal: union(EN.maybeFinal, own?.maybeFinal ?? NONE),
    months: own?.months ?? NONE,
    // Without a list of its own, a language's capitalised words are judged by the English openers.
    openers: own?.openers ?? EN.openers,
    ordinalDot: ORDINAL_DOT.has(code),
    afterNumber: own?.afterNumber ?? NONE,
  };
  cache.set(code, rules);
  return rules;
}
