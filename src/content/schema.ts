// The one schema that is the truth about an article's front matter (STYLE 4).
// Messages say what is wrong and how to fix it; the loader adds file, line and field.
import { z } from 'zod';
import { articleMessages } from './messages.ts';
import { parseTimestamp, suggestTimestamp, type Moment } from './time.ts';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An old site path kept as a redirect: starts with /, ASCII URL characters, no empty, "." or ".." segments. */
export const ALIAS = /^(?!.*\/\.{1,2}(?:\/|$))\/(?:[A-Za-z0-9._~%+-]+\/?)*$/;

interface SchemaContext {
  zone: string;
  sectionKeys: readonly string[];
  /** The first year the archive can hold: earlier timestamps are refused as typing mistakes (default 1990). */
  firstYear?: number;
  /** The build's "now" (ms): timestamps more than FUTURE_YEARS after it are refused. Without it, none are. */
  now?: number;
}

/** A timestamp this far ahead of the build is a typing mistake (2204 for 2024, 9999), not a schedule. */
export const FUTURE_YEARS = 10;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Where a site does not say otherwise (site.yaml firstYear), no article is older than this. */
export const FIRST_YEAR = 1990;

/**
 * Bounds on what one article may carry, so a slip (a pasted list of 10,000 tags) is refused at its line
 * instead of building 10,000 pages: items per list and characters per field.
 */
export const LIMITS = {
  tags: 20,
  names: 10,
  aliases: 20,
  source: 50,
  summary: 300,
  correction: 500,
  alt: 200,
  caption: 300,
} as const;

const m = articleMessages;

const text = (field: string, example: string, max = 1000) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? m.missingText(field, example) : m.notText(field, example, issue.input)) })
    .trim()
    .min(1, { error: m.emptyText(field, example) })
    .max(max, { error: m.textTooLong(max) });

const bounded = <T extends z.ZodArray<z.ZodType>>(list: T, max: number) => list.max(max, { error: (issue) => m.tooManyItems(Array.isArray(issue.input) ? issue.input.length : max, max) });

const flag = (field: string) => z.boolean({ error: (issue) => m.notFlag(field, issue.input) }).default(false);

const names = (field: string, example: string) =>
  z.union([text(field, example), bounded(z.array(text(field, example)).min(1, { error: m.namesEmpty(field, example) }), LIMITS.names)], {
    error: (issue) =>
      issue.input === undefined && field === 'author'
        ? m.authorMissing
        : Array.isArray(issue.input) && issue.input.length === 0
          ? m.namesEmpty(field, example)
          : Array.isArray(issue.input) && issue.input.length > LIMITS.names
            ? m.tooManyItems(issue.input.length, LIMITS.names)
            : m.namesNotNames(field, example, issue.input),
  });

function timestamp(field: string, { zone, now, firstYear = FIRST_YEAR }: SchemaContext) {
  return z
    .union([z.string(), z.number(), z.date()], {
      error: (issue) => (issue.input === undefined ? m.missingTime(field, zone) : m.notTime(field, issue.input)),
    })
    .transform((value, context): Moment => {
      const written = value instanceof Date ? value.toISOString() : String(value);
      const moment = typeof value === 'string' ? parseTimestamp(value, zone) : undefined;
      if (!moment) {
        context.addIssue({ code: 'custom', input: value, message: m.notDate(written, suggestTimestamp(written)) });
        return z.NEVER;
      }
      if (Number(moment.display.slice(0, 4)) < firstYear) {
        context.addIssue({ code: 'custom', input: value, message: m.tooEarly(written, firstYear) });
        return z.NEVER;
      }
      if (now !== undefined && moment.epoch > now + FUTURE_YEARS * YEAR_MS) {
        context.addIssue({ code: 'custom', input: value, message: m.tooFarAhead(written, FUTURE_YEARS) });
        return z.NEVER;
      }
      return moment;
    });
}

export function articleSchema(context: SchemaContext) {
  const { sectionKeys } = context;
  return z
    .looseObject({
      title: text('title', '洪州地铁四号线开通运营').pipe(z.string().max(120, { error: m.titleTooLong })),
      source: text('source', '洪州新闻网', LIMITS.source),
      timestamp: timestamp('timestamp', context),
      tags: bounded(
        z
          .array(z.string({ error: (issue) => m.tagNotWord(issue.input) }).trim().min(1, { error: m.emptyItem }), {
            error: (issue) => (issue.input === undefined ? m.tagsMissing : m.tagsNotList(issue.input)),
          })
          .min(1, { error: m.tagsEmpty }),
        LIMITS.tags,
      ),
      author: names('author', '李晓明'),
      editor: names('editor', '王芳').optional(),
      section: z
        .string({ error: (issue) => m.sectionNotKey(issue.input, sectionKeys) })
        .refine((key) => sectionKeys.includes(key), { error: (issue) => m.sectionUnknown(issue.input, sectionKeys) })
        .optional(),
      summary: text('summary', '一两句话概括全文。', LIMITS.summary).optional(),
      slug: z
        .string({ error: (issue) => m.slugNotText(issue.input) })
        .regex(SLUG, { error: (issue) => m.slugNotAscii(issue.input) })
        .optional(),
      featured: flag('featured'),
      draft: flag('draft'),
      updated: timestamp('updated', context).optional(),
      expires: timestamp('expires', context).optional(),
      correction: text('correction', '本文第二段中的伤亡人数有误，已更正。', LIMITS.correction).optional(),
      aliases: bounded(
        z.array(z.string({ error: (issue) => m.aliasNotText(issue.input) }).trim().regex(ALIAS, { error: (issue) => m.aliasNotPath(issue.input) }), {
          error: (issue) => m.aliasesNotList(issue.input),
        }),
        LIMITS.aliases,
      ).optional(),
      cover: z
        .object(
          {
            src: text('src', './photo.jpg'),
            alt: text('alt', '市民在地铁站台候车', LIMITS.alt),
            caption: text('caption', '摄影：李晓明', LIMITS.caption).optional(),
          },
          // Alt text is required, so a bare path is not enough: ask for the group of fields.
          { error: (issue) => (typeof issue.input === 'string' ? m.coverNeedsAlt(issue.input) : m.coverNotGroup(issue.input)) },
        )
        .optional(),
    })
    .superRefine(
      (article, refine) => {
        if (article.updated && article.updated.epoch < article.timestamp.epoch) {
          refine.addIssue({ code: 'custom', path: ['updated'], message: m.updatedBefore(article.updated.display, article.timestamp.display) });
        }
        if (article.expires && article.expires.epoch <= article.timestamp.epoch) {
          refine.addIssue({ code: 'custom', path: ['expires'], message: m.expiresNotAfter(article.expires.display, article.timestamp.display) });
        }
      },
      // Run even when other fields have problems, so the editor sees them all at once.
      { when: (payload) => !payload.issues.some((issue) => ['timestamp', 'updated', 'expires'].includes(String(issue.path?.[0]))) },
    );
}

export type FrontMatter = z.infer<ReturnType<typeof articleSchema>>;
