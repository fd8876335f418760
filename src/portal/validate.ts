// Everything `build` can refuse, `check` refuses first: one function loads and validates the content,
// builds the Portal and runs the address book, then fails once with every problem. Both commands call
// it, so they report the same problems for every input.
import type { ArticleCache, BodyRenderer } from '../content/load.ts';
import { readContent, type LoadedContent } from '../content/load.ts';
import { ContentError } from '../content/errors.ts';
import { findAddressClashes } from './address-book.ts';
import { locProblems } from './sitemap-limits.ts';
import { buildPortal } from './build-portal.ts';
import type { Portal } from './types.ts';

export interface ValidateOptions {
  /** Keep drafts in the Portal (preview, check); a published build leaves them out. */
  includeDrafts?: boolean;
  /** The build's "now" in ms, for scheduling and for refusing timestamps absurdly far ahead. */
  now?: number;
  /** Paths in messages are relative to this folder (default: the working directory). */
  displayRoot?: string;
  /** Renders bodies to HTML (src/render/markdown.ts createBodyRenderer); a check may leave it out. */
  renderBody?: BodyRenderer;
  /** Articles validated and rendered by earlier builds (src/build/content-cache.ts). */
  cache?: ArticleCache;
  /** More site paths the build writes (e.g. public/ files), so articles and aliases cannot take them. */
  extraFiles?: readonly string[];
}

export async function validateContent(contentDir: string, options: ValidateOptions = {}): Promise<{ content: LoadedContent; portal: Portal }> {
  const { content, problems } = await readContent(contentDir, {
    ...(options.displayRoot !== undefined ? { displayRoot: options.displayRoot } : {}),
    ...(options.renderBody ? { renderBody: options.renderBody } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  const portal = buildPortal(content, { ...(options.includeDrafts !== undefined ? { includeDrafts: options.includeDrafts } : {}), ...(options.now !== undefined ? { now: options.now } : {}) });
  problems.push(
    ...findAddressClashes({
      sections: content.site.sections,
      siteFile: content.siteFile ?? { file: 'site.yaml', lineOf: () => 1 },
      articles: content.articles,
      listPages: portal.listPages,
      ...(options.extraFiles ? { extraFiles: options.extraFiles } : {}),
    }),
  );
  problems.push(...locProblems(content.site.baseUrl, content.articles));
  if (problems.length > 0) throw new ContentError(problems);
  return { content, portal };
}
