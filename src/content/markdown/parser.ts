// The one markdown-it setup that reads article bodies into tokens. Parsing belongs to the content
// layer (validation needs the tokens: images, links, raw HTML, lines); turning tokens into HTML belongs
// to src/render/markdown.ts, which adds its renderer rules to an instance made here.
import MarkdownIt, { type MarkdownIt as Markdown, type Token } from 'markdown-it';
import { demoteHeadings } from './demote-headings.ts';
import { findFigures, type FigureEnv } from './figures.ts';

export type { Markdown, Token };

/** What parsing leaves in env: the images of the body, with their lines. */
export type BodyEnv = FigureEnv;

export function createParser(): Markdown {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: false });
  md.use(demoteHeadings);
  md.use(findFigures);
  return md;
}

/**
 * The 0-based body line of every token: block tokens carry their own map; inline children count the
 * line breaks before them; table cells, which markdown-it gives no map, take their row's line.
 */
export function eachLine(tokens: readonly Token[], visit: (token: Token, line: number, parent?: Token) => void): void {
  let line = 0;
  for (const token of tokens) {
    if (token.map) line = token.map[0];
    visit(token, line);
    if (token.type !== 'inline' || !token.children) continue;
    let childLine = line;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') childLine += 1;
      visit(child, childLine, token);
      if (child.type === 'html_inline' || child.type === 'text') childLine += (child.content.match(/\n/g) ?? []).length;
    }
  }
}

/** A parsed body, ready to render: its tokens and env (with env.pictures once images are known). */
export interface ParsedBody {
  tokens: Token[];
  env: BodyEnv;
}

/** Turns a parsed body into the HTML a page shows; the render layer provides it (src/render/markdown.ts). */
export type BodyRenderer = (body: ParsedBody) => string;
