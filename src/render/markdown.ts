// Article bodies to HTML: the content layer's parser (src/content/markdown/parser.ts) plus this
// layer's renderer rules, and the one HTML policy applied to the result.
import { createParser, type BodyRenderer, type Markdown } from '../content/markdown/parser.ts';
import { figure } from './markdown/figure.ts';
import { scrollTables } from './markdown/scroll-tables.ts';
import { sanitizeBody } from './sanitize.ts';

export type { Markdown };

/** A parser with the renderer rules: md.render(text) gives unsanitized body HTML (tests, fixtures). */
export function createMarkdown(): Markdown {
  const md = createParser();
  md.use(scrollTables);
  md.use(figure);
  return md;
}

/** The body renderer the loader is handed: tokens in, sanitized HTML out. */
export function createBodyRenderer(): BodyRenderer {
  const md = createMarkdown();
  return ({ tokens, env }) => sanitizeBody(md.renderer.render(tokens, md.options, env));
}
