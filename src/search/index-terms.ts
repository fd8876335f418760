// What one article puts into the search index (decision 18): every term a query can look up directly,
// with a weight. A query never scans: each of its units is one exact term (search.js, lookupTerms).
//   - a Chinese run: every substring of one to four characters (南塘县 → 南 塘 县 南塘 塘县 南塘县), so a
//     query word of up to four characters is found exactly as a run, and one character finds every
//     word that contains it;
//   - a number or date term (spelt in ASCII by text.ts): the term and every prefix of it, so 2024 finds
//     2024年 and 12月 finds 12月28日, while 2号线 never finds 12号线;
//   - an ASCII word: the word and its prefixes;
//   - labels as filters: the section, each tag, each author and the source as `\u0001s:…` style terms.
// The weight is how often the term occurs (capped), with the headline and labels counting more.
import { foldText, terms } from './text.ts';

/** The longest run indexed whole; longer query runs are looked up as overlapping runs of this length. */
export const LONGEST_RUN = 4;
export const FILTER_PREFIX = { section: '\u0001s:', tag: '\u0001t:', author: '\u0001a:', source: '\u0001o:' } as const;

export interface SearchableArticle {
  title: string;
  labels: readonly string[];
  body: string;
  section: string;
  tags: readonly string[];
  authors: readonly string[];
  source: string;
}

const TITLE_WEIGHT = 8;
const LABEL_WEIGHT = 4;
const MAX_WEIGHT = 255;

/** Every lookup term of a folded text, once per occurrence. */
export function lookupTermsOf(input: string): string[] {
  const out: string[] = [];
  for (const unit of terms(foldText(input)).units) {
    if (unit.kind === 'phrase') {
      const chars = [Array.from(unit.terms[0] ?? '')[0] ?? '', ...unit.terms.map((pair) => Array.from(pair)[1] ?? '')];
      for (let start = 0; start < chars.length; start += 1) {
        let run = '';
        for (let length = 1; length <= LONGEST_RUN && start + length <= chars.length; length += 1) {
          run += chars[start + length - 1];
          out.push(run);
        }
      }
    } else {
      const term = unit.terms[0] as string;
      for (const prefix of prefixesOf(term)) out.push(prefix);
    }
  }
  return out;
}

/** A prefix term's prefixes at whole-character boundaries of its ASCII spelling (x+4 hex is one character). */
function prefixesOf(term: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < term.length) {
    at += term[at] === 'x' && /^[0-9a-f]{4}$/.test(term.slice(at + 1, at + 5)) ? 5 : 1;
    out.push(term.slice(0, at));
  }
  return out;
}

/** The article's terms with their weights, in a stable order. */
export function weightedTerms(article: SearchableArticle): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    weights.set(term, Math.min(MAX_WEIGHT, (weights.get(term) ?? 0) + weight));
  };
  for (const term of lookupTermsOf(article.title)) add(term, TITLE_WEIGHT);
  for (const label of article.labels) for (const term of lookupTermsOf(label)) add(term, LABEL_WEIGHT);
  for (const term of lookupTermsOf(article.body)) add(term, 1);
  add(FILTER_PREFIX.section + article.section, 1);
  for (const tag of new Set(article.tags)) add(FILTER_PREFIX.tag + tag, 1);
  for (const author of new Set(article.authors)) add(FILTER_PREFIX.author + author, 1);
  add(FILTER_PREFIX.source + article.source, 1);
  return weights;
}
