// Small helpers for writing XML by hand: escaping text and attributes, and CDATA that cannot be closed
// early by the text inside it.

/** Characters XML 1.0 forbids anywhere, even escaped. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an element body or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Wraps text in CDATA; a "]]>" inside is split across two sections so it cannot end the first. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(FORBIDDEN, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<name>escaped text</name>`, or nothing when the value is absent. */
export function element(name: string, value: string | undefined, attributes = ''): string {
  return value === undefined ? '' : `<${name}${attributes}>${escapeXml(value)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
