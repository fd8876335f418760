// The one shared piece of what must be current on every page (ARCHITECTURE decision 11): the site-wide
// 推荐阅读 candidates and 热门标签, served as /live/rails.json. Pages keep a static rail that does not
// depend on newer stories; public/js/live-rails.js swaps this piece in without moving the layout.
import { liveCandidates, type RailIndex, type RailArticle } from './rails.ts';
import type { Article, LiveArticle, LiveRails, SectionRef, TagSummary } from './types.ts';

/**
 * `railSize` is how many items a rail shows. Every list carries twice that plus one, so a page can
 * leave out itself and what its own 猜您喜欢 rail already shows and still fill its rail.
 */
export function buildLiveRails<T extends RailArticle & { article: Article }>(index: RailIndex<T>, sections: readonly SectionRef[], railSize: number, popularTags: readonly TagSummary[]): LiveRails {
  const { picks, sections: newest } = liveCandidates(index, railSize * 2 + 1);
  const articles: LiveArticle[] = [];
  const position = new Map<string, number>();
  const indexOf = ({ article }: T): number => {
    let at = position.get(article.url);
    if (at === undefined) {
      at = articles.length;
      position.set(article.url, at);
      articles.push({ url: article.url, title: article.title, teaser: article.teaser });
    }
    return at;
  };
  const pickIndexes = picks.map(indexOf);
  const bySection: Record<string, number[]> = {};
  for (const section of sections) bySection[section.key] = (newest.get(section.key) ?? []).map(indexOf);
  return { articles, picks: pickIndexes, sections: bySection, tags: popularTags.map(({ name, url, count }) => ({ name, url, count })) };
}
