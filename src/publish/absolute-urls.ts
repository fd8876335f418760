// Feeds are read away from the site, so every link and image in an article body must carry the full
// address. The body is parsed (by sanitize-html, whose policy it already passed) and only real
// attributes are rewritten — href, src, poster, cite and each candidate of srcset — against the
// article's own absolute URL; text and other attributes that merely look like them stay as they are.
import sanitizeHtml from 'sanitize-html';
import { HTML_POLICY } from '../content/html-policy.ts';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);

/** The absolute form of a site path or a relative reference, seen from `base` (an absolute URL). */
export function absoluteUrl(reference: string, base: string): string {
  const trimmed = reference.trim();
  if (trimmed === '') return base;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return reference;
  }
}

function absoluteSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [absoluteUrl(url, base), ...descriptor].join(' ');
    })
    .join(', ');
}

/** Rewrites the URL attributes of a body (already sanitised) so none is relative to the page it came from. */
export function absolutizeHtml(html: string, base: string): string {
  const policy = HTML_POLICY.transformTags?.['*'];
  return sanitizeHtml(html, {
    ...HTML_POLICY,
    transformTags: {
      '*': (tagName, attribs) => {
        const kept = typeof policy === 'function' ? policy(tagName, attribs) : { tagName, attribs };
        const rewritten: sanitizeHtml.Attributes = {};
        for (const [name, value] of Object.entries(kept.attribs)) {
          rewritten[name] = URL_ATTRIBUTES.has(name) ? absoluteUrl(value, base) : name === 'srcset' ? absoluteSrcset(value, base) : value;
        }
        return { tagName: kept.tagName, attribs: rewritten };
      },
    },
  });
}
