// The one markdown-it instance that renders article bodies.
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';

export type { Markdown };
import { demoteHeadings } from './markdown/demote-headings.ts';
import { figure } from './markdown/figure.ts';
import { scrollTables } from './markdown/scroll-tables.ts';
import { unsafeHtml } from './markdown/unsafe-html.ts';

export function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: false });
  md.use(unsafeHtml);
  md.use(demoteHeadings);
  md.use(scrollTables);
  md.use(figure);
  return md;
}
