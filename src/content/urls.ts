// The one allow-list for addresses that come from site.yaml or front matter and end up in links:
// an http(s) address, or a path of this site starting with a single "/". Everything else
// (javascript:, data:, //other-host, relative paths, control characters) is refused with a message.
import { ALLOWED_SCHEMES } from './html-policy.ts';

export type UrlCheck = { ok: true } | { ok: false; reads?: string };

export function checkAddress(written: string): UrlCheck {
  const address = written.trim();
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(address)) return { ok: false, ...readsAs(address) };
  if (address.startsWith('/')) return address.startsWith('//') ? { ok: false, reads: '//' } : { ok: true };
  if (/^https?:\/\//i.test(address)) {
    try {
      const url = new URL(address);
      return url.protocol === 'http:' || url.protocol === 'https:' ? { ok: true } : { ok: false };
    } catch {
      return { ok: false };
    }
  }
  return { ok: false, ...readsAs(address) };
}

function readsAs(address: string): { reads?: string } {
  const reads = refusedScheme(address);
  return reads ? { reads } : {};
}

/**
 * The scheme a browser would see in an address, when it is not an allowed one: entities and %-escapes
 * decoded, tabs, line breaks and other control characters removed (jav&#x09;ascript: reads javascript:).
 */
export function refusedScheme(address: string): string | undefined {
  let decoded = address;
  try {
    decoded = decodeURIComponent(address);
  } catch {
    // a broken escape: judge the text as written
  }
  const squeezed = decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').replace(/\\/g, '/').toLowerCase();
  if (squeezed.startsWith('//')) return '//';
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
  return scheme && !ALLOWED_SCHEMES.includes(scheme) ? `${scheme}:` : undefined;
}

