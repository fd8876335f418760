// An article as a search record: Pagefind indexes `content` (our own folded terms, see text.ts) and keeps
// `meta` for the results list (headline, date, section, plain body for the excerpt); tags, section,
// authors and source are both searchable words and filters; `date` sorts by time.
import type { Article } from '../portal/types.ts';
import { indexTerms } from './text.ts';

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/** Pagefind's language for the records: none of its own segmenting or stemming applies to our terms. */
export const RECORD_LANGUAGE = 'und';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The readable text of article HTML: tags dropped (block ends become line breaks), entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|tr|div)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The period a record belongs to is decided elsewhere (partitions.ts); it is also a filter. */
export function toRecord(article: Article, period: string): SearchRecord {
  const body = plainText(article.html);
  const standfirst = article.standfirst ?? '';
  const labels = [article.section.name, ...article.tags.map((tag) => tag.name), ...article.authors.map((a) => a.name), article.source];
  // The headline counts twice and labels once more than the body, so they weigh more in relevance.
  const content = [article.title, article.title, labels.join('\n'), standfirst, body].map(indexTerms).join(' \n ');
  return {
    url: article.url,
    content,
    language: RECORD_LANGUAGE,
    meta: {
      title: article.title,
      date: article.published.display.slice(0, 10),
      section: article.section.name,
      sectionUrl: article.section.url,
      text: standfirst ? `${standfirst}\n${body}` : body,
    },
    filters: {
      section: [article.section.name],
      tag: article.tags.map((tag) => tag.name),
      author: article.authors.map((author) => author.name),
      source: [article.source],
      period: [period],
    },
    sort: { date: article.published.display.replace(/\D/g, '') },
  };
}
