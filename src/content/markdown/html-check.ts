// The check side of the one HTML policy: what the allowlist (../html-policy.ts) would remove from a
// body is reported at its line instead of vanishing. Raw HTML is parsed tag by tag (htmlparser2, the
// parser sanitize-html itself uses) and each tag is passed through the policy alone; link addresses
// that markdown-it refused (they stay visible as text) are named too. Code spans and fenced code
// blocks are text, never HTML, so `<script>` or `](javascript:` inside them is harmless and allowed.
import { Parser } from 'htmlparser2';
import { applyHtmlPolicy, LAYOUT_IDS } from '../html-policy.ts';
import { htmlMessages } from '../messages.ts';
import { refusedScheme } from '../urls.ts';
import { eachLine, type Markdown, type Token } from './parser.ts';

export interface HtmlFinding {
  /** 0-based line within the Markdown body. */
  line: number;
  message: string;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'cite']);
const PARSE = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;
/** Text that markdown-it left alone because it refused the address: [text](address) and <address>. */
const REFUSED_LINK = /\]\(\s*<?\s*([^\s)>]+)|<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi;

export function findHtmlProblems(tokens: readonly Token[], md: Markdown): HtmlFinding[] {
  const findings: HtmlFinding[] = [];
  eachLine(tokens, (token, line) => {
    if (token.type === 'html_block' || token.type === 'html_inline') checkHtml(token.content, line, findings);
    else if (token.type === 'link_open') {
      const href = String(token.attrGet('href') ?? '');
      const reads = refusedScheme(href);
      if (reads) findings.push({ line, message: htmlMessages.address('href', href, reads) });
    } else if (token.type === 'text') {
      for (const match of token.content.matchAll(REFUSED_LINK)) {
        const written = match[1] ?? match[2] ?? '';
        if (md.validateLink(md.normalizeLink(written))) continue;
        findings.push({ line, message: htmlMessages.refusedLink(refusedScheme(written) ?? schemeOf(written), written) });
      }
    }
  });
  return findings;
}

/** Every tag in a piece of raw HTML, each checked against the policy at its own line. */
function checkHtml(html: string, firstLine: number, findings: HtmlFinding[]): void {
  let counted = 0;
  let line = firstLine;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const raw = html.slice(parser.startIndex, parser.endIndex + 1);
        // Tags htmlparser2 implies (a stray </p> opens a <p>) were not written: nothing to report.
        if (!raw.toLowerCase().startsWith(`<${name}`)) return;
        for (; counted < parser.startIndex; counted += 1) if (html.charCodeAt(counted) === 10) line += 1;
        for (const message of checkTag(name, attribs, raw)) findings.push({ line, message });
      },
      // The policy drops comments, and whatever a malformed end (--!>, a missing -->) swallows with them.
      oncomment(data) {
        for (; counted < parser.startIndex; counted += 1) if (html.charCodeAt(counted) === 10) line += 1;
        findings.push({ line, message: htmlMessages.comment(data.trim().slice(0, 40)) });
      },
    },
    PARSE,
  );
  parser.write(html);
  parser.end();
}

/** One tag through the policy on its own: what it drops is what the check reports. */
function checkTag(name: string, attribs: Record<string, string>, raw: string): string[] {
  const kept = firstTag(applyHtmlPolicy(raw));
  if (!kept || kept.name !== name) return [htmlMessages.element(name)];
  const messages: string[] = [];
  for (const [attribute, value] of Object.entries(attribs)) {
    const isUrl = URL_ATTRIBUTES.has(attribute);
    const reads = isUrl ? refusedScheme(value) : undefined;
    if (attribute in kept.attribs && kept.attribs[attribute] === value && !reads) continue;
    if (attribute in kept.attribs && !isUrl) continue; // e.g. style normalised, rel set by the policy
    if (isUrl) messages.push(htmlMessages.address(attribute, writtenValue(raw, attribute) ?? value, reads ?? schemeOf(value)));
    else if (attribute === 'id' && LAYOUT_IDS.test(value)) messages.push(htmlMessages.layoutId(value));
    else messages.push(htmlMessages.attribute(name, attribute));
  }
  return messages;
}

function firstTag(html: string): { name: string; attribs: Record<string, string> } | undefined {
  let found: { name: string; attribs: Record<string, string> } | undefined;
  const parser = new Parser({ onopentag: (name, attribs) => (found ??= { name, attribs }) }, PARSE);
  parser.write(html);
  parser.end();
  return found;
}

function schemeOf(address: string): string {
  return /^\s*([a-z][a-z0-9+.-]*:)/i.exec(address)?.[1]?.toLowerCase() ?? address;
}

/** The attribute's value as the editor typed it (entities and all), for the message. */
function writtenValue(raw: string, attribute: string): string | undefined {
  const pattern = new RegExp(`\\s${attribute.replace(/[^a-z0-9-]/gi, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*'|[^\\s>]+)`, 'i');
  return pattern.exec(raw)?.[1]?.replace(/^["']|["']$/g, '');
}
