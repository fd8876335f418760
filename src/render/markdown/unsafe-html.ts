// Finds raw HTML that must never reach a page (<script>, event handlers, javascript: URLs) and
// records it in env.unsafe with the line, so the loader can report it. Nothing is rendered differently:
// an article with findings is rejected before it is published, and sanitizeBody is the second line.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';

export interface UnsafeFinding {
  /** 0-based line within the Markdown body. */
  line: number;
  message: string;
}

export interface UnsafeEnv extends Record<PropertyKey, unknown> {
  unsafe?: UnsafeFinding[];
}

const FORBIDDEN_ELEMENTS = ['script', 'iframe', 'object', 'embed', 'style', 'form', 'base', 'meta', 'link', 'frame', 'frameset'];
const ELEMENT = new RegExp(`<\\s*(${FORBIDDEN_ELEMENTS.join('|')})\\b`, 'gi');
const EVENT_HANDLER = /<[a-z][^>]*?\s(on[a-z]+)\s*=/gi;
const SCRIPT_URL = /(?:href|src|action|formaction|srcset|xlink:href|data)\s*=\s*["']?\s*((?:javascript|vbscript|data)\s*:)/gi;
const MARKDOWN_SCRIPT_URL = /\]\(\s*<?\s*((?:javascript|vbscript)\s*:)/gi;

export function findUnsafeHtml(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(ELEMENT)) {
    found.push(`contains a <${match[1]?.toLowerCase()}> element, which is never published. Remove it; embed media with Markdown or ask a developer for a shortcode.`);
  }
  for (const match of html.matchAll(EVENT_HANDLER)) {
    found.push(`contains the HTML attribute ${match[1]}="…", which would run a script. Remove the attribute.`);
  }
  for (const match of html.matchAll(SCRIPT_URL)) {
    found.push(`contains a "${match[1]?.replace(/\s/g, '')}" address, which would run a script. Link to an http(s) address or a page of this site instead.`);
  }
  return found;
}

export const unsafeHtml = (md: MarkdownIt): void => {
  md.core.ruler.push('unsafe_html', (state) => {
    const env = state.env as UnsafeEnv;
    const findings: UnsafeFinding[] = (env.unsafe ??= []);
    const report = (line: number, html: string): void => {
      for (const message of findUnsafeHtml(html)) findings.push({ line, message });
    };
    for (const token of state.tokens) {
      const start = token.map?.[0] ?? 0;
      if (token.type === 'html_block') report(start, token.content);
      if (token.type === 'inline' && token.children) scanInline(token.children, start, report);
    }
    state.src.split('\n').forEach((text, line) => {
      for (const match of text.matchAll(MARKDOWN_SCRIPT_URL)) {
        findings.push({ line, message: `links to a "${match[1]?.replace(/\s/g, '')}" address, which would run a script. Link to an http(s) address or a page of this site instead.` });
      }
    });
  });
};

function scanInline(children: Token[], start: number, report: (line: number, html: string) => void): void {
  let line = start;
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
    if (child.type === 'html_inline') report(line, child.content);
  }
}
