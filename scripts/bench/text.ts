// Chinese text for the benchmark corpus, strung from the fixed word pool: sentences, paragraphs,
// headlines and article bodies with the occasional subheading, list and table.
import type { Random } from './random.ts';
import { MEASURES, WORDS } from './words.ts';

function words(random: Random, min: number, max: number): string {
  let text = '';
  for (let count = random.int(min, max); count > 0; count -= 1) text += random.pick(WORDS);
  return text;
}

function quantity(random: Random): string {
  return random.chance(0.2) ? `${random.int(1, 99)}.${random.int(1, 9)}%` : `${random.int(2, 3000)}${random.pick(MEASURES)}`;
}

export function sentence(random: Random): string {
  const clauses: string[] = [];
  for (let count = random.int(2, 4); count > 0; count -= 1) {
    clauses.push(random.chance(0.15) ? `${words(random, 1, 3)}${quantity(random)}` : words(random, 2, 5));
  }
  const text = `${clauses.join('，')}。`;
  return random.chance(0.08) ? `“${text}”${words(random, 1, 2)}表示。` : text;
}

/** Sentences until the paragraph holds at least `length` characters. */
export function paragraph(random: Random, length: number): string {
  let text = sentence(random);
  while (text.length < length) text += sentence(random);
  return text;
}

/** A headline of 6–36 characters, sometimes in two parts like the samples. */
export function headline(random: Random): string {
  const first = words(random, 3, 5);
  return random.chance(0.6) ? `${first} ${words(random, 2, 4)}` : first;
}

function list(random: Random): string {
  const items: string[] = [];
  for (let count = random.int(3, 5); count > 0; count -= 1) items.push(`- ${words(random, 3, 7)}。`);
  return items.join('\n');
}

function table(random: Random): string {
  const columns = random.int(3, 4);
  const row = (cell: () => string): string => `| ${Array.from({ length: columns }, cell).join(' | ')} |`;
  const lines = [row(() => random.pick(WORDS)), row(() => '---')];
  for (let count = random.int(3, 6); count > 0; count -= 1) {
    lines.push(row(() => (random.chance(0.5) ? quantity(random) : words(random, 1, 2))));
  }
  return lines.join('\n');
}

/** 4–10 paragraphs, about 600–1500 characters of prose, with an occasional ## subheading, list and table. */
export function articleBody(random: Random): string {
  const count = random.int(4, 10);
  const perParagraph = Math.floor(random.int(600, 1500) / count);
  const withHeadings = random.chance(0.3);
  const listAfter = random.chance(0.15) ? random.int(0, count - 2) : -1;
  const tableAfter = random.chance(0.08) ? random.int(0, count - 2) : -1;
  const blocks: string[] = [];
  for (let index = 0; index < count; index += 1) {
    if (withHeadings && index > 0 && index % 3 === 1) blocks.push(`## ${words(random, 2, 4)}`);
    blocks.push(paragraph(random, Math.max(20, perParagraph - 10)));
    if (index === listAfter) blocks.push(list(random));
    if (index === tableAfter) blocks.push(table(random));
  }
  return blocks.join('\n\n');
}
