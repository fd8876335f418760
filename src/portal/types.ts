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
  /** Who the closing line names: the editors (责任编辑) when the article names one, else the authors (作者). */
  bylineRole: 'editor' | 'author';
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
  /**
   * The static 推荐阅读 rail: the article's nearest neighbours in its section, older ones first, so a
   * newer story never changes it. Readers with JavaScript see the site-wide picks of `Portal.live`.
   */
  recommended: Article[];
  /** 猜您喜欢: articles sharing its tags, ranked so that a new story rarely enters (see rails.ts). */
  youMayLike: Article[];
}

export interface PageLink {
  /** The archive page number (1 = the oldest page). */
  number: number;
  url: string;
  /** True when page numbers were skipped before this one (show …). */
  gapBefore: boolean;
}

/**
 * Where a list page sits: the front page (newest items) or an archive page numbered from the oldest
 * (ARCHITECTURE decision 11). An archive page links only to the front page and its two neighbours.
 */
export interface Pagination {
  /** This page's archive number (1 = the oldest items); absent on the list's front page. */
  page?: number;
  /** The list's front page. */
  front: string;
  /** The next older archive page. */
  older?: string;
  /** The next newer archive page; absent on the newest one (the front page carries what is newer). */
  newer?: string;
  /** On the front page: the archive pages it links to, newest first. Empty on archive pages. */
  pages: PageLink[];
}

export type ListKind = 'home' | 'section' | 'tag' | 'author';

/**
 * One page of a list. Data only: the render layer words it (headings, titles, trails in strings.ts).
 */
export interface ListPage {
  kind: ListKind;
  url: string;
  /** The list's own name: the section's, tag's or author's name; the site's name for the home list. */
  name: string;
  /** The list's front page URL, e.g. /jiaoyu/, /tag/min-sheng/. */
  base: string;
  /** Featured articles shown first (the home front page only). */
  lead: Article[];
  items: Article[];
  /** How many articles the list holds: on the front page only (an archive page shows no total). */
  count?: number;
  pagination: Pagination;
  /** The tags of this page's own items, most used first: the static 热门标签 fallback. */
  pageTags: Link[];
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

/** One article as the shared live rails piece carries it. */
export interface LiveArticle {
  url: string;
  title: string;
  teaser: string;
}

/**
 * What must be current on every page, served once as /live/rails.json (ARCHITECTURE decision 11) instead
 * of being copied into every page. Lists hold indexes into `articles`.
 */
export interface LiveRails {
  articles: LiveArticle[];
  /** 推荐阅读 candidates: editors' picks, newest first. */
  picks: number[];
  /** 推荐阅读 candidates after the picks: each section's newest, by section key. */
  sections: Record<string, number[]>;
  /** 热门标签: the most used tags with their counts. */
  tags: TagSummary[];
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
  /** The most used tags (热门标签). */
  popularTags: TagSummary[];
  /** The site-wide rails every page loads from /live/rails.json. */
  live: LiveRails;
  /** How many 热门标签 slots a list page keeps (fixed, so the live rail never moves the page). */
  popularTagSlots: number;
  authors: TagSummary[];
  /** Every image of the published articles in every variant it is shown in: the images step's work. */
  images: ImageJob[];
}
