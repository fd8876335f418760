// The questions `npm run new` asks when it is run without options.
import { createInterface } from 'node:readline/promises';
import type { Site } from './site.ts';
import { DEFAULT_AUTHOR, splitList, type NewArticle } from './scaffold.ts';

export async function askForArticle(site: Site, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<NewArticle> {
  const prompt = createInterface({ input, output });
  try {
    output.write(`栏目 (sections):\n${site.sections.map((section, index) => `  ${index + 1}) ${section.key}  ${section.name}`).join('\n')}\n`);
    let section: string | undefined;
    while (!section) {
      const answer = (await prompt.question('栏目 (number or key): ')).trim();
      const byNumber = /^\d+$/.test(answer) ? site.sections[Number(answer) - 1] : undefined;
      section = (byNumber ?? site.sections.find((candidate) => candidate.key === answer || candidate.name === answer))?.key;
    }
    let title = '';
    while (!title) title = (await prompt.question('标题 (title): ')).trim();
    const tags = splitList(await prompt.question('标签 (tags, separated by 、 or commas): '));
    const authors = splitList(await prompt.question(`作者 (author) [${DEFAULT_AUTHOR}]: `));
    const source = (await prompt.question(`来源 (source) [${site.name}]: `)).trim();
    return { section, title, tags, authors, ...(source ? { source } : {}) };
  } finally {
    prompt.close();
  }
}
