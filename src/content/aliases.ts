// Old addresses of an article (front-matter `aliases`) that keep working as redirects. An alias may
// not be the address of an article, nor another article's alias: both would make a URL ambiguous.
import type { ContentProblem } from './errors.ts';

export interface Alias {
  /** The old site path as the editor wrote it, e.g. /news/2019/metro-line-4/ or /a/12345.html. */
  path: string;
  /** The line of the alias in its file. */
  line: number;
}

interface AliasOwner {
  file: string;
  url: string;
  aliases: readonly Alias[];
}

/** The file an alias's redirect page is written to: /a/b/ and /a/b → a/b/index.html; /a/1.html → a/1.html. */
export function aliasFile(aliasPath: string): string {
  const trimmed = aliasPath.replace(/^\/+/, '');
  if (/\.html?$/i.test(trimmed)) return trimmed;
  return `${trimmed.replace(/\/+$/, '')}${trimmed.replace(/\/+$/, '') ? '/' : ''}index.html`;
}

/** One spelling per address: case as written, no trailing slash, no index.html. */
function addressKey(sitePath: string): string {
  return `/${sitePath.replace(/^\/+/, '').replace(/(^|\/)index\.html?$/i, '$1').replace(/\/+$/, '')}`;
}

/** Every alias that is an article's address or is claimed twice, with the file and line to fix. */
export function findAliasClashes(articles: readonly AliasOwner[]): ContentProblem[] {
  const pages = new Map(articles.map((article) => [addressKey(article.url), article]));
  const claims = new Map<string, { owner: AliasOwner; alias: Alias }[]>();
  for (const owner of articles) {
    for (const alias of owner.aliases) {
      const key = addressKey(alias.path);
      claims.set(key, [...(claims.get(key) ?? []), { owner, alias }]);
    }
  }
  const problems: ContentProblem[] = [];
  for (const [key, claimants] of claims) {
    const page = pages.get(key);
    for (const { owner, alias } of claimants) {
      const field = `aliases`;
      if (page) {
        const whose = page === owner ? 'this article itself' : page.file;
        problems.push({ file: owner.file, line: alias.line, field, message: `${alias.path} is the address of ${whose}, so it cannot also redirect. Remove this alias.` });
        continue;
      }
      const others = claimants.filter((other) => other.alias !== alias).map((other) => (other.owner === owner ? `line ${other.alias.line}` : other.owner.file));
      if (others.length > 0) {
        problems.push({ file: owner.file, line: alias.line, field, message: `${alias.path} is also an alias in ${[...new Set(others)].join(', ')}. An old address can redirect to one article only; remove one of them.` });
      }
    }
  }
  return problems;
}
