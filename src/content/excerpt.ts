// Short excerpts of Chinese text, cut where a reader expects a pause: at the end of a sentence when
// possible, else before a comma, never inside a character, an English word or a quotation's closing mark.

const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const PAUSE = new Set(['，', '、', '：', ',', ':']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', '》', '】', ')', '"', '\'']);
const ELLIPSIS = '……';
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** Joins text blocks into one line: no space after Chinese punctuation, one space elsewhere. Linear time. */
export function joinBlocks(blocks: readonly string[]): string {
  const parts: string[] = [];
  let last = '';
  for (const raw of blocks) {
    const block = raw.replace(/\s+/g, ' ').trim();
    if (!block) continue;
    // Remember the last character instead of reading it back from a growing string: `joined.at(-1)`
    // flattened the whole string on every block, which made long articles quadratic.
    if (parts.length > 0 && !/[\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026]/.test(last)) parts.push(' ');
    parts.push(block);
    last = block.at(-1) ?? '';
  }
  return parts.join('');
}

/** At most `limit` characters (graphemes) of `text`, cut cleanly, with …… when something was cut. */
export function excerpt(text: string, limit: number): string {
  // Only the first limit + 1 characters matter: look at a prefix, and at the whole text only when
  // the prefix was mostly white space. Segmenting whole articles made excerpts the build's hot spot.
  const prefix = text.length > limit * 4 ? text.slice(0, limit * 4) : text;
  let chars = firstGraphemes(prefix, limit + 1);
  if (chars.length <= limit && prefix !== text) chars = firstGraphemes(text, limit + 1);
  if (chars.length <= limit) return chars.join('');
  const floor = Math.floor(limit * 0.5);
  for (let index = limit - 1; index >= floor; index -= 1) {
    if (SENTENCE_END.has(chars[index] ?? '')) {
      let end = index + 1;
      while (end < chars.length && end <= limit && CLOSERS.has(chars[end] ?? '')) end += 1;
      return chars.slice(0, end).join('');
    }
  }
  for (let index = limit - 1; index >= floor; index -= 1) {
    if (PAUSE.has(chars[index] ?? '')) return chars.slice(0, index).join('') + ELLIPSIS;
  }
  let end = limit - 1;
  while (end > floor && /[A-Za-z0-9]/.test(chars[end - 1] ?? '') && /[A-Za-z0-9]/.test(chars[end] ?? '')) end -= 1;
  return chars.slice(0, end).join('').trimEnd() + ELLIPSIS;
}

/** Marks that join code points into one visible character; without them, code points are characters. */
const JOINERS = /[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\u200d\ufe00-\ufe0f\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0100}-\u{e01ef}]/u;

function firstGraphemes(text: string, count: number): string[] {
  const normalized = text.replace(/\s+/g, ' ').trim();
  // Chinese news text rarely has combining marks or emoji sequences: split by code point, which is
  // many times faster than Intl.Segmenter, and segment properly only when such marks are present.
  if (!JOINERS.test(normalized)) return Array.from(normalized).slice(0, count);
  const chars: string[] = [];
  for (const part of segmenter.segment(normalized)) {
    chars.push(part.segment);
    if (chars.length >= count) break;
  }
  return chars;
}
