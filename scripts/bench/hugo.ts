// The peer: the same synthetic corpus as Hugo content, built by the small Hugo site in scripts/bench/hugo/
// (same pages, both rails). Front matter is translated (timestamp → date with the site's +08:00 offset,
// author → authors); bodies are the same Markdown.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { measureProcess, type Measurement } from './measure.ts';
import { SECTIONS } from './words.ts';

export const HUGO_SITE = path.join(path.dirname(new URL(import.meta.url).pathname), 'hugo');

/** `hugo version`'s first line, or the error that says why Hugo cannot run here. */
export async function hugoVersion(): Promise<{ version?: string; error?: string }> {
  try {
    const { stdout } = await promisify(execFile)('hugo', ['version']);
    return { version: stdout.trim().split('\n')[0] as string };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** Writes Hugo content for every article of the corpus in `from` into `to`; returns how many. */
export async function writeHugoContent(from: string, to: string): Promise<number> {
  let count = 0;
  for (const section of SECTIONS) {
    await mkdir(path.join(to, section.key), { recursive: true });
    await writeFile(path.join(to, section.key, '_index.md'), `---\ntitle: ${section.name}\n---\n`);
  }
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => path.join(entry.parentPath, entry.name));
  for (let start = 0; start < files.length; start += 128) {
    await Promise.all(files.slice(start, start + 128).map(async (file) => {
      const text = await readFile(file, 'utf8');
      const end = text.indexOf('\n---\n', 4);
      const data = parse(text.slice(4, end)) as Record<string, unknown>;
      const { timestamp, author, ...rest } = data;
      const front = { ...rest, date: `${String(timestamp).replace(' ', 'T')}+08:00`, authors: Array.isArray(author) ? author : [author] };
      const target = path.join(to, path.relative(from, file));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `---\n${stringify(front)}---\n${text.slice(end + 5)}`);
    }));
    count += Math.min(128, files.length - start);
  }
  return count;
}

export async function runHugo(contentDir: string, outputDir: string, scratch: string): Promise<Measurement> {
  // Hugo's generated resources (resources/_gen) go to the scratch folder, not into scripts/bench/hugo/.
  process.env.HUGO_RESOURCEDIR = path.join(scratch, 'hugo-resources');
  return measureProcess('hugo', ['--source', HUGO_SITE, '--contentDir', contentDir, '--destination', outputDir, '--cacheDir', path.join(scratch, 'hugo-cache'), '--quiet', '--noBuildLock'], HUGO_SITE, scratch, '.bench-time-hugo.txt');
}
