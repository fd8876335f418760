// Every reader-facing string, in one place (zh-CN). Templates reach it as `t`.
import type { Site } from '../content/site.ts';
import type { Article, Link, ListPage } from '../portal/types.ts';

export const strings = {
  home: '首页',
  article: '正文',
  skipToContent: '跳到正文',
  mainNavigation: '栏目导航',
  breadcrumb: '当前位置',
  published: '发布时间',
  updated: '更新于',
  source: '来源',
  author: '作者',
  byline: '责任编辑',
  tags: '标签',
  allTags: '全部标签',
  popularTags: '热门标签',
  tagPrefix: '标签',
  authorPrefix: '作者',
  recommended: '推荐阅读',
  youMayLike: '猜您喜欢',
  featured: '编辑推荐',
  latest: '最新资讯',
  sectionLatest: '栏目最新',
  pagination: '分页',
  previousPage: '上一页',
  nextPage: '下一页',
  articleCount: (count: number): string => `共 ${count} 篇`,
  contact: '联系我们',
  tableLabel: '表格（可左右滑动）',
  notFoundTitle: '页面未找到',
  notFoundText: '您访问的页面不存在或已被移除。',
  notFoundBack: '返回首页',
  noArticles: '暂无文章。',
  // The newsroom's day: preview badges, corrections, moved pages.
  draftBadge: '草稿',
  scheduledBadge: '定时发布',
  expiredBadge: '已下线',
  previewOnly: '仅在预览中可见',
  correction: '更正说明',
  movedTitle: '页面已移动',
  movedText: '本页已移至：',
  // Being found: feeds, search.
  sectionFeedTitle: (section: string, site: string): string => `${section}_${site}`,
  sectionDescription: (site: string, section: string): string => `${site}${section}频道最新报道`,
  feedLinkTitle: (title: string, format: 'rss' | 'atom' | 'json'): string => `${title}（${format === 'rss' ? 'RSS' : format === 'atom' ? 'Atom' : 'JSON Feed'}订阅）`,
  search: '搜索',
  searchLabel: '站内搜索',
  searchPlaceholder: '搜索新闻',
  searchTitle: '站内搜索',
  // Search page: every word must match; results, filters, sort, no-result and no-JS help.
  searchIntro: '输入关键词搜索本站新闻。几个词用空格分开时，每个词都须出现；繁体、简体均可。',
  searchNoScript: '本页的搜索需要启用 JavaScript。您可以按栏目或热门标签浏览新闻：',
  searchZeroResults: '没有找到包含“[SEARCH_TERM]”的新闻。',
  searchZeroHint: '请检查用字，或减少、更换关键词；也可以按栏目或热门标签浏览：',
  searchManyResults: '找到 [COUNT] 条与“[SEARCH_TERM]”相关的新闻',
  searchOneResult: '找到 [COUNT] 条与“[SEARCH_TERM]”相关的新闻',
  searchAboutResults: '找到约 [COUNT] 条与“[SEARCH_TERM]”相关的新闻',
  searchSuggest: '您是不是要找：',
  searchFilterYear: '年份',
  searchLoadMore: '加载更多结果',
  searchClear: '清除',
  searching: '正在搜索“[SEARCH_TERM]”……',
  searchFailed: '搜索暂时无法使用，请稍后再试，或按栏目、热门标签浏览。',
  searchBrowse: '按栏目或热门标签浏览',
  searchSections: '栏目',
  searchSort: '排序',
  searchSortRelevance: '相关度',
  searchSortTime: '时间（最新在前）',
  searchFilterAll: '全部',
  searchFilterSection: '栏目',
  searchFilterTag: '标签',
  searchFilterAuthor: '作者',
  searchFilterSource: '来源',
  // Mainland portal: registrations, dateline, reader preferences.
  registrations: '备案与许可信息',
  newsLicense: '互联网新闻信息服务许可证',
  reportTitle: '违法和不良信息举报',
  reportPhone: '举报电话',
  reportEmail: '举报邮箱',
  reportCentre: '中央网信办违法和不良信息举报中心',
  editor: '责任编辑',
  readerPrefs: '阅读设置',
  fontSize: '字号',
  fontLarge: '大',
  fontMedium: '中',
  fontSmall: '小',
  careMode: '关怀模式（大字、高对比）',
  // End of the mainland block.
  // Lists, archives and rails that stay put. The Portal gives kinds, names and page
  // numbers; these word them for the templates and the structured data.
  archivePage: (page: number): string => `第 ${page} 页`,
  frontPage: '最新',
  olderPage: '下一页',
  newerPage: '上一页',
  archivePages: '往期',
  listHeading: (list: Pick<ListPage, 'kind' | 'name'>): string =>
    list.kind === 'home' ? strings.latest : list.kind === 'tag' ? `${strings.tagPrefix}：${list.name}` : list.kind === 'author' ? `${strings.authorPrefix}：${list.name}` : list.name,
  listDocumentTitle: (list: Pick<ListPage, 'kind' | 'name' | 'pagination'>, site: Pick<Site, 'name' | 'tagline'>): string =>
    archived(list.kind === 'home' ? [site.name, site.tagline].filter(Boolean).join('_') : `${strings.listHeading(list)}_${site.name}`, list.pagination.page),
  listDescription: (list: Pick<ListPage, 'kind' | 'name' | 'pagination'>, site: Pick<Site, 'name' | 'tagline'>): string =>
    archived(
      list.kind === 'home'
        ? site.tagline || site.name
        : list.kind === 'section'
          ? strings.sectionDescription(site.name, list.name)
          : list.kind === 'tag'
            ? `${site.name}关于“${list.name}”的报道`
            : `${list.name}在${site.name}发表的报道`,
      list.pagination.page,
    ),
  /** The visible trail of a list page (empty on the home list); the last link is the list itself. */
  listTrail: (list: Pick<ListPage, 'kind' | 'name' | 'base'>): Link[] =>
    list.kind === 'home'
      ? []
      : [{ name: strings.home, url: '/' }, ...(list.kind === 'tag' ? [{ name: strings.allTags, url: '/tag/' }] : []), { name: strings.listHeading(list), url: list.base }],
  /** 首页 › section › 正文: the last link is the article itself (the breadcrumb and its JSON-LD). */
  articleTrail: (article: Pick<Article, 'section' | 'url'>): Link[] => [
    { name: strings.home, url: '/' },
    { name: article.section.name, url: article.section.url },
    { name: strings.article, url: article.url },
  ],
  /** The closing line's label: 责任编辑 when the article names an editor, else 作者. */
  bylineLabel: (article: Pick<Article, 'bylineRole'>): string => (article.bylineRole === 'editor' ? strings.byline : strings.author),
  // End of the stable-lists block.
} as const;

/** An archive page's title or description carries its number: 教育（第3页）. */
function archived(text: string, page: number | undefined): string {
  return page === undefined ? text : `${text}（第${page}页）`;
}

