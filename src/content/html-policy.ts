// The one HTML safety policy for article bodies: the sanitize-html allowlist. The renderer passes every
// body through it (src/render/sanitize.ts), and the check reports, at its line, whatever the allowlist
// would remove (markdown/html-check.ts), so nothing is dropped silently and nothing unsafe is published.
import sanitizeHtml from 'sanitize-html';

/** Ids the page layouts use themselves (skip link target, rails, search box): a body may not repeat them. */
export const LAYOUT_IDS = /^(?:main|search|site-search-q|lead-title|correction-title|disclaimer-title|registrations-title|not-found-latest|rail-[a-z0-9-]*)$/i;

/** Schemes a link or image address may have; relative addresses (site paths) are always allowed. */
export const ALLOWED_SCHEMES = ['http', 'https', 'mailto', 'tel'];

export const HTML_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'figure', 'figcaption', 'picture', 'source', 'img', 'del', 'ins', 'sup', 'sub', 'mark', 'small', 'details', 'summary',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'id', 'name', 'rel', 'target'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'fetchpriority'],
    source: ['type', 'srcset', 'sizes', 'media'],
    div: ['class', 'role', 'aria-label', 'tabindex'],
    section: ['class', 'aria-label', 'tabindex'],
    figure: ['class'],
    figcaption: ['class'],
    th: ['style', 'colspan', 'rowspan', 'scope'],
    td: ['style', 'colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
    '*': ['id', 'lang', 'dir'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'srcset'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // <source> is void like <img>: never write a </source> end tag.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  transformTags: {
    '*': (tagName, attribs) => {
      const kept = attribs.id !== undefined && LAYOUT_IDS.test(attribs.id) ? withoutKey(attribs, 'id') : attribs;
      // A link that opens a new tab must not hand the new page a handle on ours.
      return { tagName, attribs: tagName === 'a' && kept.target === '_blank' ? { ...kept, rel: 'noopener noreferrer' } : kept };
    },
  },
};

/** The body HTML as published: only what the allowlist keeps. */
export function applyHtmlPolicy(html: string): string {
  return sanitizeHtml(html, HTML_POLICY);
}

function withoutKey(attribs: sanitizeHtml.Attributes, key: string): sanitizeHtml.Attributes {
  const copy = { ...attribs };
  delete copy[key];
  return copy;
}
