/**
 * Words too common in news copy to tell two events apart, beyond a language's function words:
 * reporting verbs, "news" labels, weekdays and months, "today", "percent". Lower-cased.
 */

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** English: function words plus news words (clustering has always used this one list). */
export const ENGLISH_NEWS_STOP_WORDS: ReadonlySet<string> = new Set(
  words(`
  a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
  how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves
  said says say told tell according new news update updated exclusive breaking live report reports reported latest watch analysis
  opinion one two three four five six seven eight nine ten first second last year years week weeks day days month months time
  people may might must shall us mr mrs ms dr just many much well still even back since around however yet get got make made
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning evening night
  january february march april june july august september october november december per cent percent
`),
);

/** News words of other languages, added to the `stopword` package's function words. */
export const NEWS_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: words(`
    sagte sagt sagten sagen erklärte erklärt teilte mitteilte berichtet berichtete laut zufolge neue neuen neues jahr jahre jahren
    prozent heute gestern morgen montag dienstag mittwoch donnerstag freitag samstag sonntag abend nacht uhr
    januar februar märz april mai juni juli august september oktober november dezember
  `),
  fr: words(`
    a dit déclaré indiqué annoncé selon nouveau nouvelle nouveaux an ans année pour cent heures aujourd'hui hier demain
    lundi mardi mercredi jeudi vendredi samedi dimanche matin soir nuit
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
  `),
  es: words(`
    es son fue ha han era está están ser dijo afirmó aseguró informó según nuevo nueva año años ciento hoy ayer mañana
    lunes martes miércoles jueves viernes sábado domingo noche este esta estos estas
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
  `),
  ru: words(`
    заявил заявила сообщил сообщила сообщили сказал сказала отметил по словам данным новый новая год года году лет процентов
    сегодня вчера завтра понедельник вторник среду среда четверг пятницу пятница субботу суббота воскресенье утром вечером
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
  `),
  fa: words(`
    گفت گفته کرد کرده شد شده است بود هست می‌شود خبر داد جدید سال درصد امروز دیروز فردا روز صبح شب
    شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه
  `),
  ar: words(`
    قال قالت وقال وقالت أعلن أعلنت وأعلن وأعلنت أضاف وأضاف بحسب وفق جديد جديدة عام العام المئة اليوم أمس غدا يوم
    الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
  `),
};
