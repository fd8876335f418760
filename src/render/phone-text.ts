// A telephone number shown as link text must not wrap in the middle: its hyphens become non-breaking
// hyphens (U+2011) and its spaces non-breaking spaces (U+00A0). Anything that is not a telephone number
// (an e-mail address, a name) is returned as it is.
const PHONE = /^\+?[\d\s()-]{7,}$/;

export function phoneText(text: string): string {
  return PHONE.test(text) ? text.replace(/-/g, '\u2011').replace(/ /g, '\u00a0') : text;
}
