// The second line of defence after the loader rejects unsafe HTML: whatever an article's body renders to
// passes an allowlist before it reaches a page.
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'figure', 'figcaption', 'picture', 'source', 'img', 'del', 'ins', 'sup', 'sub', 'mark', 'small', 'details', 'summary',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'id', 'name', 'rel', 'target'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'fetchpriority'],
    source: ['type', 'srcset', 'sizes', 'media'],
    div: ['class', 'role', 'aria-label', 'tabindex'],
    figure: ['class'],
    figcaption: ['class'],
    th: ['style', 'colspan', 'rowspan', 'scope'],
    td: ['style', 'colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
    '*': ['id', 'lang', 'dir'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'srcset'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // <source> is void like <img>: never write a </source> end tag.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  transformTags: {
    // A link that opens a new tab must not hand the new page a handle on ours.
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === '_blank' ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
