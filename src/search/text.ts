// Folding and cutting Chinese text into search terms. The same code runs when the index is written
// (src/search/records.ts) and in the reader's browser (public/js/search-text.js is generated from this
// file by scripts/gen-search-text.ts), so a query is cut exactly as the articles were.
//
// fold: full-width → ASCII, lower case, traditional → simplified (OpenCC's character table), Chinese
//   numerals before a measure word → digits (四号线 → 4号线, 十二月二十八日 → 12月28日), 18.3 → 18点3,
//   2024-12-28 → 2024年12月28日. It keeps, for every folded UTF-16 unit, where it came from in the input,
//   so matches can be highlighted in the original text.
// terms: a date (12月28日) and a number with its measure word (4号线, 18点3万人) are one term each
//   (spelt in ASCII, see ascii());
//   Chinese runs become overlapping two-character terms (南塘县 → 南塘 塘县) so any word of two or more
//   characters is found without a dictionary; ASCII words stay whole.
import { T2S_PAIRS } from './t2s-table.ts';

export interface Folded {
  text: string;
  /** For each UTF-16 unit of text: the input offset where its source starts and ends. */
  start: number[];
  end: number[];
}

/**
 * One thing an article must contain: `phrase`, two-character terms in a row (a Chinese word or run of two
 * or more characters); `prefix`, one term that an indexed term starts with (a number: 2024 finds 2024年;
 * one Chinese character; an ASCII word).
 */
export interface QueryUnit {
  kind: 'phrase' | 'prefix';
  terms: string[];
}

export interface QueryTerms {
  /** Every term, for ranking. */
  terms: string[];
  /** What must all match. */
  units: QueryUnit[];
  /** The folded pieces of the query, to find and highlight in folded text. */
  pieces: string[];
}

/** Measure words and units that stay with the number before them (longest first). */
export const MEASURES = [
  '号线', '公里', '千米', '平方米', '公顷', '小时', '分钟', '个月', '周年', '周岁', '余人', '多人', '万人', '亿元', '万元',
  '号', '线', '路', '年', '月', '日', '岁', '人', '名', '位', '个', '条', '次', '家', '所', '座', '项', '辆', '台', '元',
  '米', '吨', '亩', '户', '套', '间', '张', '本', '份', '场', '届', '期', '批', '天', '周', '倍', '层', '栋', '班', '站',
  '处', '种', '类', '篇', '部', '起', '度', '列', '艘', '架', '块', '斤', '头', '只', '棵', '株', '区', '镇', '村',
];
const MEASURE = MEASURES.join('|');
const NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';
const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';

let t2s: Map<string, string> | undefined;
function simplified(char: string): string {
  if (!t2s) {
    t2s = new Map();
    const chars = Array.from(T2S_PAIRS);
    for (let i = 0; i + 1 < chars.length; i += 2) t2s.set(chars[i] as string, chars[i + 1] as string);
  }
  return t2s.get(char) ?? char;
}

/** 四 → 4, 十二 → 12, 二十八 → 28, 一百零五 → 105, 二〇二四 → 2024; undefined when not a plain number. */
export function chineseNumber(text: string): number | undefined {
  const digit: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!/[十百千]/.test(text)) {
    let value = 0;
    for (const char of text) {
      const d = digit[char];
      if (d === undefined) return undefined;
      value = value * 10 + d;
    }
    return value;
  }
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let current = 0;
  for (const char of text) {
    const d = digit[char];
    if (d !== undefined) current = d;
    else {
      const u = unit[char];
      if (u === undefined) return undefined;
      total += (current || 1) * u;
      current = 0;
    }
  }
  return total + current;
}

function rewrite(folded: Folded, pattern: RegExp, replace: (match: RegExpExecArray) => string): Folded {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    text += folded.text.slice(from, to);
    for (let i = from; i < to; i += 1) {
      start.push(folded.start[i] as number);
      end.push(folded.end[i] as number);
    }
  };
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded.text); match; match = pattern.exec(folded.text)) {
    const from = match.index;
    const to = from + match[0].length;
    copy(last, from);
    const replacement = replace(match);
    const s = folded.start[from] as number;
    const e = folded.end[to - 1] as number;
    text += replacement;
    for (let i = 0; i < replacement.length; i += 1) {
      start.push(s);
      end.push(e);
    }
    last = to;
  }
  copy(last, folded.text.length);
  return { text, start, end };
}

const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g;
const NUMERALS = new RegExp(`[${NUMERAL_CHARS}]+(?=${MEASURE}|点[${NUMERAL_CHARS}]|万|亿)`, 'g');
const DECIMAL = /(\d)\.(?=\d)/g;

/** Folds text for matching; see the top of this file. */
export function fold(input: string): Folded {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < input.length; ) {
    const code = input.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    let char = String.fromCodePoint(code);
    if (code >= 0xff01 && code <= 0xff5e) char = String.fromCharCode(code - 0xfee0).toLowerCase();
    else if (code === 0x3000) char = ' ';
    else if (code < 128) char = char.toLowerCase();
    else char = simplified(char);
    text += char;
    for (let k = 0; k < char.length; k += 1) {
      start.push(i);
      end.push(i + width);
    }
    i += width;
  }
  let folded: Folded = { text, start, end };
  folded = rewrite(folded, ISO_DATE, (m) => `${m[1]}年${Number(m[2])}月${Number(m[3])}日`);
  folded = rewrite(folded, NUMERALS, (m) => {
    const value = chineseNumber(m[0]);
    return value === undefined ? m[0] : String(value);
  });
  folded = rewrite(folded, DECIMAL, (m) => `${m[1]}点`);
  return folded;
}

/** Only the folded text (no offsets), for indexing. */
export function foldText(input: string): string {
  return fold(input).text;
}

const DATE_TERM = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const NUMBER_TERM = new RegExp(`^\\d+(?:点\\d+)?(?:多|余)?(?:万|亿)?(?:${MEASURE})?`);
const CJK_START = new RegExp(`^[${CJK}]`);
const TOKEN = new RegExp(`[a-z0-9]*[a-z][a-z0-9]*|\\d+(?:点\\d+)?|[${CJK}]+|[\\ud840-\\ud87f][\\udc00-\\udfff]`, 'g');

/**
 * A number term written in ASCII letters and digits (12月28日 → 12x670828x65e5, 18点3万人 → 18p3x4e07x4eba):
 * one run of ASCII letters and digits is one term everywhere (an index file name, a prefix). Each character maps on its own, so a prefix stays a prefix.
 */
export function ascii(term: string): string {
  let out = '';
  for (const char of term) {
    if (/[0-9a-z]/.test(char)) out += char;
    else if (char === '点') out += 'p';
    else out += `x${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * Cuts folded text into terms. `query` leaves out the single last character of a Chinese run, which
 * the index adds so that one-character searches find words at the end of a run.
 */
export function terms(folded: string, query = false): { terms: string[]; units: QueryUnit[] } {
  const out: string[] = [];
  const units: QueryUnit[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(folded); match; match = TOKEN.exec(folded)) {
    const token = match[0];
    if (/^\d/.test(token) && !/[a-z]/.test(token)) {
      const rest = folded.slice(match.index);
      const date = DATE_TERM.exec(rest);
      if (date) {
        const day = ascii(`${date[2]}月${date[3]}日`);
        if (date[1]) {
          out.push(ascii(`${date[1]}年`));
          units.push({ kind: 'prefix', terms: [ascii(`${date[1]}年`)] });
        }
        out.push(day);
        units.push({ kind: 'prefix', terms: [day] });
        TOKEN.lastIndex = match.index + date[0].length;
        continue;
      }
      const number = ascii((NUMBER_TERM.exec(rest) as RegExpExecArray)[0]);
      out.push(number);
      units.push({ kind: 'prefix', terms: [number] });
      // The measure word also takes part in the Chinese run that follows (号线 finds 4号线).
      TOKEN.lastIndex = match.index + token.length;
      continue;
    }
    const chars = Array.from(token);
    if (chars.length === 1 || !CJK_START.test(token)) {
      out.push(token);
      units.push({ kind: 'prefix', terms: [token] });
      continue;
    }
    const pairs: string[] = [];
    for (let i = 0; i + 1 < chars.length; i += 1) pairs.push((chars[i] as string) + (chars[i + 1] as string));
    out.push(...pairs);
    if (!query) out.push(chars[chars.length - 1] as string);
    units.push({ kind: 'phrase', terms: pairs });
  }
  return { terms: out, units };
}

/** Index side: the folded terms of a text, joined by spaces. */
export function indexTerms(input: string): string {
  return terms(foldText(input)).terms.join(' ');
}

/** Words that make a query a question; with them, a question's function words are not content. */
const QUESTION = /为什么|怎么样|怎么办|怎么|怎样|如何|什么|哪里|哪儿|哪些|哪个|多少|是否|能否|能不能|可不可以|有没有|是不是|请问|几|吗|呢|？|\?/;
const FUNCTION_WORDS = /为什么|怎么样|怎么办|怎么|怎样|如何|什么|哪里|哪儿|哪些|哪个|多少|是否|能否|能不能|可不可以|可以|有没有|是不是|请问|需要|几|吗|呢|吧|啊|的|了|到|去|从|在|要|能|我|你|？|\?/g;

/**
 * A reader's question (公积金怎么提取, 地铁几号线到机场) means its content words: the question and
 * function words are cut out, and single characters left between them are dropped when anything longer
 * remains. A query that is not a question is left as written.
 */
export function contentWords(folded: string): string {
  if (!QUESTION.test(folded)) return folded;
  const pieces = folded.replace(FUNCTION_WORDS, ' ').split(/\s+/).filter(Boolean);
  const long = pieces.filter((piece) => Array.from(piece).length > 1 || /^[a-z0-9]/.test(piece));
  return (long.length > 0 ? long : pieces).join(' ');
}

/** Query side: the terms to rank by (duplicates removed), the units that must match, the pieces to highlight. */
export function queryTerms(query: string): QueryTerms {
  const folded = contentWords(foldText(query));
  const cut = terms(folded, true);
  const pieces = folded.split(/[\s\p{P}\p{S}]+/u).filter((piece) => piece.length > 0);
  const seen = new Set<string>();
  const units = cut.units.filter((unit) => {
    const key = `${unit.kind}:${unit.terms.join(' ')}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { terms: [...new Set(cut.terms)], units, pieces };
}

/** Where the folded pieces occur in the input: [start, end) offsets, merged and in order. */
export function matchRanges(input: string, pieces: string[]): Array<[number, number]> {
  const folded = fold(input);
  const ranges: Array<[number, number]> = [];
  for (const piece of pieces) {
    for (let at = folded.text.indexOf(piece); at >= 0; at = folded.text.indexOf(piece, at + piece.length)) {
      ranges.push([folded.start[at] as number, folded.end[at + piece.length - 1] as number]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
