// Renders the ONE card partial (layouts/partials/card.njk) once per article, variant and heading level,
// and reuses the HTML: an article appears as a card on many list pages and in many rails, and
// rendering those hundreds of thousands of includes was most of the render time at 10,000 articles.
// The cache is keyed by the Article object, so a new Portal (a new build or preview reload) starts fresh.
import nunjucks from 'nunjucks';
import type { Article } from '../portal/types.ts';
import { strings } from './strings.ts';

/** lead and list: cards with meta; rail: with a thumbnail; pick: text only, fixed height (the live 推荐阅读 slots). */
export type CardVariant = 'lead' | 'list' | 'rail' | 'pick';

export type CardRenderer = (card: Article, variant: CardVariant, heading: number) => string;

export function createCardRenderer(layoutsDir: string): CardRenderer {
  const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(layoutsDir), { autoescape: true });
  const cache = new WeakMap<Article, Map<string, string>>();
  return (card, variant, heading) => {
    const key = `${variant}:${heading}`;
    let cards = cache.get(card);
    if (!cards) cache.set(card, (cards = new Map()));
    let html = cards.get(key);
    if (html === undefined) {
      html = environment.render('partials/card.njk', { t: strings, card, cardVariant: variant, cardHeading: heading });
      cards.set(key, html);
    }
    return html;
  };
}
