// The one entry point behind the npm scripts: build, check, start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ContentError, formatReport, sortProblems } from './content/errors.ts';
import { loadContent } from './content/load.ts';
import { BuildError, buildSite } from './publish/build.ts';
import { serveSite } from './publish/serve.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** npm runs scripts in the project folder; paths the user typed are relative to where they typed them. */
const userRoot = process.env.INIT_CWD ?? process.cwd();

const USAGE = `Usage:
  npm run build -- [--content DIR] [--output DIR]   build the portal (defaults: content/ and _site/)
  npm run check -- [--content DIR] [--json]         validate content without building
  npm start -- [--content DIR] [--port 8080]        preview with live reload`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      content: { type: 'string', default: 'content' },
      output: { type: 'string', default: '_site' },
      port: { type: 'string', default: '8080' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const contentDir = path.resolve(userRoot, values.content);
  const outputDir = path.resolve(userRoot, values.output);
  process.chdir(projectRoot);

  switch (command) {
    case 'build': {
      const report = await buildSite({ contentDir, outputDir, projectRoot, displayRoot: userRoot });
      console.log(`Built ${report.articles} articles into ${path.relative(userRoot, outputDir) || '.'}: ${report.pages} pages, ${report.files} files in ${(report.milliseconds / 1000).toFixed(1)} s.`);
      return 0;
    }
    case 'check': {
      try {
        const content = await loadContent(contentDir, { displayRoot: userRoot });
        const drafts = content.articles.filter((article) => article.frontMatter.draft).length;
        if (values.json) console.log(JSON.stringify({ ok: true, articles: content.articles.length, drafts, problems: [] }, null, 2));
        else console.log(`All ${content.articles.length} articles are valid (${drafts === 1 ? '1 draft' : `${drafts} drafts`}, not published).`);
        return 0;
      } catch (error) {
        if (values.json && error instanceof ContentError) {
          console.log(JSON.stringify({ ok: false, problems: sortProblems(error.problems) }, null, 2));
          return 1;
        }
        throw error;
      }
    }
    case 'start':
      await serveSite({ contentDir, projectRoot, displayRoot: userRoot, port: Number(values.port) });
      return 0;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = 1;
    if (error instanceof ContentError) {
      console.error(formatReport(error.problems));
    } else if (error instanceof BuildError) {
      console.error(error.message);
      console.error(error.cause instanceof ContentError ? formatReport(error.cause.problems) : error.cause);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
  },
);
