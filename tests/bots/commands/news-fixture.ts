/** Articles about different events (so each is its own story), written for the button tests. */
import type { Article } from '../../../src/model.js';

const EVENTS = [
  ['Council approves tram extension', 'The city council approved a tram extension to the docks.'],
  ['Snow closes mountain pass', 'Heavy snow closed the mountain pass near the border.'],
  ['Library reopens after fire', 'The central library reopened six years after a fire gutted it.'],
  ['Port strike delays shipments', 'Dock workers walked out over pay, leaving container ships waiting offshore.'],
  ['Hospital opens cancer ward', 'A new oncology ward with forty beds opened at the regional hospital.'],
  ['Football club sacks coach', 'The club dismissed its head coach after a run of seven defeats.'],
  ['Drought cuts wheat harvest', 'Farmers reported the smallest wheat harvest in two decades after the dry summer.'],
  ['Museum returns bronze statues', 'The national museum handed back four bronze statues taken during colonial rule.'],
  ['Airline orders new jets', 'The carrier placed an order for thirty long-range aircraft to renew its fleet.'],
  ['Bridge closed for repairs', 'Engineers shut the old river bridge after finding cracks in its steel girders.'],
  ['School meals become free', 'Every primary pupil will get a free lunch from the next term, the minister said.'],
  ['Volcano eruption grounds flights', 'Ash from the erupting volcano forced airports in the north to cancel flights.'],
  ['Chess prodigy wins title', 'A fourteen-year-old won the national chess championship without losing a game.'],
] as const;

/** `n` articles, an hour apart before `now`, each about another event; `prefix` keeps ids apart between batches. */
export function newsArticles(now: Date, n: number, prefix = 'a'): Article[] {
  return Array.from({ length: n }, (_, i) => {
    const [title, lede] = EVENTS[i % EVENTS.length]!;
    const t = new Date(now.getTime() - (i + 1) * 3_600_000).toISOString();
    const id = `${prefix}${String(i).padStart(15, '0')}`.slice(0, 16).replace(/[^0-9a-f]/g, 'e');
    const text = `${lede} Officials confirmed the details on Friday. Residents said they had expected the news for weeks. More is expected next month.`;
    return { id, url: `https://news.example/${prefix}/${i}`, title, text, description: null, byline: null, published: t, fetchedAt: t, source: `Source ${i}`, language: 'en', feedId: null };
  });
}
