// Feeds are read away from the site, so every link and image in an article body must carry the full
// address. Rewrites href, src and srcset attribute values against the article's own absolute URL.

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite)\s*=\s*)(["'])(.*?)\2/gi;
const SRCSET_ATTRIBUTE = /(\s(?:srcset)\s*=\s*)(["'])(.*?)\2/gi;

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

/** Rewrites the URL attributes of an HTML fragment so none is relative to the page it came from. */
export function absolutizeHtml(html: string, base: string): string {
  return html
    .replace(URL_ATTRIBUTE, (_match, before: string, quote: string, value: string) => `${before}${quote}${absoluteEscaped(value, base)}${quote}`)
    .replace(SRCSET_ATTRIBUTE, (_match, before: string, quote: string, value: string) => {
      const candidates = value.split(',').map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
        return [absoluteEscaped(url, base), ...descriptor].join(' ');
      });
      return `${before}${quote}${candidates.join(', ')}${quote}`;
    });
}

/** Attribute values are HTML-escaped: unescape &amp; before resolving, escape again after. */
function absoluteEscaped(value: string, base: string): string {
  const resolved = absoluteUrl(value.replace(/&amp;/g, '&'), base);
  return resolved.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
