// The Portal: everything the templates present, computed once per build. Pure data, no Eleventy.
import type { Alias } from '../content/aliases.ts';
import type { Moment } from '../content/time.ts';
import type { Schedule } from './schedule.ts';
import type { Site } from '../content/site.ts';
import type { ImageJob, Picture } from '../images/spec.ts';

export interface Link {
  name: string;
  url: string;
}

export interface SectionRef extends Link {
  key: string;
}

/** An article's lead image (front-matter cover). */
export interface Cover {
  /** Site path of the largest JPEG, e.g. /img/3f2a…-1200.jpg: for og:image and JSON-LD (prefix site.baseUrl). */
  src: string;
  width: number;
  height: number;
  alt: string;
  caption?: string;
  /** The lead image at the top of the article page (uncropped). */
  lead: Picture;
  /** The card thumbnail in lists and rails, cropped to 3:2. */
  thumb: Picture;
}

export interface Article {
  id: string;
  file: string;
  url: string;
  title: string;
  source: string;
  authors: Link[];
  section: SectionRef;
  tags: Link[];
  published: Moment;
  updated?: Moment;
  /** The editor's summary, else an excerpt of the body (about 120 characters). */
  summary: string;
  /** The editor's own summary, shown under the headline; absent when the summary is an excerpt. */
  standfirst?: string;
  /** The closing line: 责任编辑 when the article names an editor, else 作者. */
  bylineLabel: string;
  bylineNames: string[];
  /** A short excerpt for rails and cards (about 60 characters). */
  teaser: string;
  html: string;
  cover?: Cover;
  featured: boolean;
  draft: boolean;
  /** live, or (in the preview only) scheduled / expired; published builds hold live articles only. */
  schedule: Schedule;
  /** When the article is taken down (front-matter `expires`). */
  expires?: Moment;
  /** The correction note shown above the body (更正说明). */
  correction?: string;
  /** Old addresses that redirect here (front-matter `aliases`). */
  aliases: Alias[];
  /** Front-matter fields beyond the schema, for a newsroom's own templates. */
  extra: Record<string, unknown>;
  /** The visible trail 首页 › section › 正文; the last link is the article itself (also used by JSON-LD). */
  breadcrumb: Link[];
  recommended: Article[];
  youMayLike: Article[];
}

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
  /** True when page numbers were skipped before this one (show …). */
  gapBefore: boolean;
}

export interface Pagination {
  page: number;
  total: number;
  previous?: string;
  next?: string;
  pages: PageLink[];
}

export type ListKind = 'home' | 'section' | 'tag' | 'author';

export interface ListPage {
  kind: ListKind;
  url: string;
  /** The list's name, e.g. 教育, 标签：民生. */
  title: string;
  /** The visible <h1>. */
  heading: string;
  /** The document <title>, unique per page, e.g. 教育（第2页）_洪州新闻网. */
  documentTitle: string;
  description: string;
  /** Featured articles shown first (home page 1 only). */
  lead: Article[];
  items: Article[];
  count: number;
  pagination: Pagination;
  breadcrumb: Link[];
  /** The section key to mark in the navigation, if any. */
  activeSection?: string;
}

export interface TagSummary extends Link {
  count: number;
}

export interface Footer {
  title: string;
  paragraphs: string[];
  contact: string;
  /** mailto: or tel: link when the contact is an e-mail address or a phone number. */
  contactHref?: string;
  copyright: string;
}

export interface Portal {
  site: Site;
  footer: Footer;
  /** The newest articles, for the 404 page. */
  latest: Article[];
  /** Published articles, newest first. */
  articles: Article[];
  listPages: ListPage[];
  sections: SectionRef[];
  tags: TagSummary[];
  /** The most used tags, for the rail of list pages. */
  popularTags: TagSummary[];
  authors: TagSummary[];
  /** Every image of the published articles in every variant it is shown in: the images step's work. */
  images: ImageJob[];
}
