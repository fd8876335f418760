// The one entry point behind the npm scripts: build, check, start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ContentError, formatReport, sortProblems } from './content/errors.ts';
import { BuildError, buildSite } from './build/build.ts';
import { loadPortal } from './build/load.ts';
import { startPreview } from './build/preview.ts';
import { parseShard } from './build/shards.ts';
import { buildNow } from './publish/now.ts';
import { diffManifests, formatDiff, manifestPathFor, readManifest } from './publish/manifest.ts';
import { createArticle, splitList } from './content/scaffold.ts';
import { askForArticle } from './content/scaffold-prompt.ts';
import { loadSite } from './content/site.ts';
import { publish } from './deploy/publish-command.ts';
import { runEditingRoom } from './build/editing-room.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** npm runs scripts in the project folder; paths the user typed are relative to where they typed them. */
const userRoot = process.env.INIT_CWD ?? process.cwd();

const USAGE = `Usage:
  npm run build -- [--content DIR] [--output DIR] [--no-search] [--timings] [--full]
                   [--shard I/N] [--merge SHARD_DIR ...]
                                                    build the portal (defaults: content/ and _site/)
  npm run check -- [--content DIR] [--json]         validate content without building
  npm start -- [--content DIR] [--port 8080] [--host 127.0.0.1]
                                                    preview with live reload (--host 0.0.0.0 shares it on the LAN)
  npm run cms -- [--content DIR] [--port 8080]     the editing room on this computer: /admin/ saving into DIR
  npm run new -- --section KEY --title "标题" [--tags 民生,交通] [--author 李晓明] [--source 洪州新闻网]
                                                    a new article file (asks when run without options)
  npm run publish -- --diff OLD.manifest.json [--manifest NEW.manifest.json] [--json]
                                                    files added, changed and removed since OLD
  npm run publish -- --target aliyun|tencent|s3|pages --diff OLD.manifest.json [--dry-run] [--json]
                                                    upload, purge and delete what changed, then push to
                                                    Baidu and IndexNow (see docs/deploy.md)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      content: { type: 'string', default: 'content' },
      output: { type: 'string', default: '_site' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      json: { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      shard: { type: 'string' },
      merge: { type: 'string', multiple: true },
      timings: { type: 'boolean', default: false },
      section: { type: 'string' },
      title: { type: 'string' },
      tags: { type: 'string' },
      author: { type: 'string' },
      source: { type: 'string' },
      diff: { type: 'string' },
      manifest: { type: 'string' },
      target: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    // Only `--merge S1 S2 …` takes more than one value; anything else left over is refused below.
    allowPositionals: true,
  });
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  // `--merge S1 S2 S3` and `--merge S1 --merge S2` both name the shard folders to merge.
  const merge = [...(values.merge ?? []), ...(values.merge ? positionals : [])];
  if (positionals.length > 0 && !values.merge) {
    console.error(`Unexpected argument "${positionals[0]}".\n${USAGE}`);
    return 2;
  }
  const contentDir = path.resolve(userRoot, values.content);
  const outputDir = path.resolve(userRoot, values.output);
  process.chdir(projectRoot);

  switch (command) {
    case 'build': {
      const report = await buildSite({
        contentDir,
        outputDir,
        projectRoot,
        displayRoot: userRoot,
        search: !values['no-search'],
        incremental: !values.full,
        ...(values.shard ? { shard: parseShard(values.shard) } : {}),
        ...(merge.length > 0 ? { merge: merge.map((folder) => path.resolve(userRoot, folder)) } : {}),
      });
      for (const note of report.notes) console.log(note);
      const how = { full: values.full ? 'full build (--full)' : 'full build (no earlier build state)', incremental: 'incremental build', shard: `shard ${values.shard}`, merge: `merge of ${merge.length} shards` }[report.mode];
      console.log(`Built ${report.articles} articles into ${path.relative(userRoot, report.outputDir) || '.'}: ${report.pages} pages, ${report.files} files in ${(report.milliseconds / 1000).toFixed(1)} s (${how}: ${report.rendered} pages rendered, ${report.reused} reused).`);
      if (values.timings) {
        for (const { step, milliseconds } of report.timings) console.log(`  ${(milliseconds / 1000).toFixed(2).padStart(7)} s  ${step}`);
      }
      return 0;
    }
    case 'check': {
      try {
        // The same validation as a build, drafts included: check refuses everything build would.
        const portal = await loadPortal(contentDir, { displayRoot: userRoot, includeDrafts: true });
        const drafts = portal.articles.filter((article) => article.draft).length;
        const articles = portal.articles.length;
        if (values.json) console.log(JSON.stringify({ ok: true, articles, drafts, problems: [] }, null, 2));
        else console.log(`All ${articles} articles are valid (${drafts === 1 ? '1 draft' : `${drafts} drafts`}, not published).`);
        return 0;
      } catch (error) {
        if (values.json && error instanceof ContentError) {
          console.log(JSON.stringify({ ok: false, problems: sortProblems(error.problems) }, null, 2));
          return 1;
        }
        throw error;
      }
    }
    case 'new': {
      const site = await loadSite(path.join(contentDir, 'site.yaml'), path.relative(userRoot, path.join(contentDir, 'site.yaml')));
      const asked = values.section === undefined && values.title === undefined && values.tags === undefined && values.author === undefined && values.source === undefined;
      if (asked && !process.stdin.isTTY) {
        console.error(`Give the article's section and title.\n${USAGE}`);
        return 2;
      }
      if (!asked && (!values.section || !values.title)) {
        console.error(`Give both --section and --title (sections: ${site.sections.map((section) => section.key).join(', ')}).`);
        return 2;
      }
      const input = asked
        ? await askForArticle(site)
        : { section: values.section ?? '', title: values.title ?? '', tags: splitList(values.tags), authors: splitList(values.author), ...(values.source ? { source: values.source } : {}) };
      const file = await createArticle(contentDir, site, input, buildNow());
      console.log(`Created ${path.relative(userRoot, file)} (a draft: delete the "draft: true" line to publish it).`);
      return 0;
    }
    case 'publish': {
      if (!values.diff) {
        console.error(`Give the manifest of the last upload with --diff.\n${USAGE}`);
        return 2;
      }
      if (values.target) {
        return publish({
          target: values.target,
          dryRun: values['dry-run'],
          json: values.json,
          previousManifest: path.resolve(userRoot, values.diff),
          nextManifest: values.manifest ? path.resolve(userRoot, values.manifest) : manifestPathFor(outputDir),
          outputDir,
          contentDir,
          displayRoot: userRoot,
          env: process.env,
          now: Date.now(),
          log: (line) => console.log(line),
        });
      }
      const previous = await readManifest(path.resolve(userRoot, values.diff));
      const next = await readManifest(values.manifest ? path.resolve(userRoot, values.manifest) : manifestPathFor(outputDir));
      const diff = diffManifests(previous, next);
      console.log(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
      return 0;
    }
    case 'start': {
      const preview = await startPreview({ contentDir, projectRoot, displayRoot: userRoot, port: Number(values.port), host: values.host, search: !values['no-search'] });
      console.log(`Preview on ${preview.origin}/ (Ctrl+C stops it).`);
      await new Promise(() => undefined);
      return 0;
    }
    case 'cms': {
      await runEditingRoom({ contentDir, projectRoot, displayRoot: userRoot, port: Number(values.port) });
      await new Promise(() => undefined);
      return 0;
    }
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
      if (error.cause !== undefined) console.error(error.cause instanceof ContentError ? formatReport(error.cause.problems) : error.cause);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
  },
);
