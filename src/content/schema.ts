// The one schema that is the truth about an article's front matter (STYLE 4).
// Messages say what is wrong and how to fix it; the loader adds file, line and field.
import { z } from 'zod';
import { describeValue } from './errors.ts';
import { parseTimestamp, suggestTimestamp, type Moment } from './time.ts';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An old site path kept as a redirect: starts with /, ASCII URL characters, no empty, "." or ".." segments. */
export const ALIAS = /^(?!.*\/\.{1,2}(?:\/|$))\/(?:[A-Za-z0-9._~%+-]+\/?)*$/;

interface SchemaContext {
  zone: string;
  sectionKeys: readonly string[];
}

const text = (field: string, example: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is missing. Add a line such as: ${field}: ${example}`
          : `must be text, not ${describeValue(issue.input)}. Write it after "${field}:", e.g. ${field}: ${example}`,
    })
    .trim()
    .min(1, { error: `is empty. Write it after "${field}:", e.g. ${field}: ${example}` });

const flag = (field: string) =>
  z.boolean({ error: (issue) => `must be true or false, not ${describeValue(issue.input)}. Write ${field}: true or ${field}: false.` }).default(false);

function timestamp(field: string, zone: string) {
  return z
    .union([z.string(), z.number(), z.date()], {
      error: (issue) =>
        issue.input === undefined
          ? `is missing. Add the publication time in Beijing time, e.g. ${field}: 2024-03-18 09:08:22`
          : `must be a date and time, not ${describeValue(issue.input)}. Write e.g. ${field}: 2024-03-18 09:08:22`,
    })
    .transform((value, context): Moment => {
      const written = value instanceof Date ? value.toISOString() : String(value);
      const moment = typeof value === 'string' ? parseTimestamp(value, zone) : undefined;
      if (!moment) {
        context.addIssue({ code: 'custom', input: value, message: `"${written}" is not a date. Write ${suggestTimestamp(written)}.` });
        return z.NEVER;
      }
      return moment;
    });
}

export function articleSchema({ zone, sectionKeys }: SchemaContext) {
  return z
    .looseObject({
      title: text('title', '洪州地铁四号线开通运营').pipe(z.string().max(120, { error: 'is longer than 120 characters. Shorten the headline.' })),
      source: text('source', '洪州新闻网'),
      timestamp: timestamp('timestamp', zone),
      tags: z
        .array(
          z.string({
            error: (issue) => `has an item that is ${describeValue(issue.input)}, not a word. Put it in quotes, e.g. - "${String(issue.input ?? '标签')}".`,
          }).trim().min(1, { error: 'has an empty item. Remove the empty "-" line.' }),
          {
            error: (issue) =>
              issue.input === undefined
                ? 'is missing. Add a list of tags, e.g. tags: [民生, 城市交通]'
                : `must be a list, not ${describeValue(issue.input)}. Write tags: [民生, 城市交通] or one "- tag" per line.`,
          },
        )
        .min(1, { error: 'is empty. Give at least one tag, e.g. tags: [民生].' }),
      author: z.union([text('author', '李晓明'), z.array(text('author', '李晓明')).min(1)], {
        error: (issue) =>
          issue.input === undefined
            ? 'is missing. Add the reporter, e.g. author: 李晓明 (several: author: [李晓明, 王芳]).'
            : `must be a name or a list of names, not ${describeValue(issue.input)}. Write e.g. author: 李晓明`,
      }),
      editor: z.union([text('editor', '王芳'), z.array(text('editor', '王芳')).min(1)], {
        error: (issue) => `must be a name or a list of names, not ${describeValue(issue.input)}. Write e.g. editor: 王芳`,
      }).optional(),
      section: z
        .string({ error: (issue) => `must be a section key, not ${describeValue(issue.input)}. Use one of: ${sectionKeys.join(', ')}.` })
        .refine((key) => sectionKeys.includes(key), {
          error: (issue) => `${describeValue(issue.input)} is not a section of this site. Use one of: ${sectionKeys.join(', ')}, or add it to site.yaml.`,
        })
        .optional(),
      summary: text('summary', '一两句话概括全文。').optional(),
      slug: z
        .string({ error: (issue) => `must be text, not ${describeValue(issue.input)}. Write e.g. slug: metro-line-4` })
        .regex(SLUG, { error: (issue) => `${describeValue(issue.input)} must use lowercase ASCII letters, digits and hyphens only, e.g. slug: metro-line-4` })
        .optional(),
      featured: flag('featured'),
      draft: flag('draft'),
      updated: timestamp('updated', zone).optional(),
      expires: timestamp('expires', zone).optional(),
      correction: text('correction', '本文第二段中的伤亡人数有误，已更正。').optional(),
      aliases: z
        .array(
          z.string({ error: (issue) => `has an item that is ${describeValue(issue.input)}, not an address. Write e.g. - /news/2019/metro-line-4/` })
            .trim()
            .regex(ALIAS, { error: (issue) => `${describeValue(issue.input)} is not an old address of this site. Write the path as it was, starting with "/" and in ASCII, e.g. - /news/2019/metro-line-4/` }),
          { error: (issue) => `must be a list of old addresses, not ${describeValue(issue.input)}. Write aliases: [/news/2019/metro-line-4/] or one "- /old/path/" per line.` },
        )
        .optional(),
      cover: z
        .object(
          {
            src: text('src', './photo.jpg'),
            alt: text('alt', '市民在地铁站台候车'),
            caption: text('caption', '摄影：李晓明').optional(),
          },
          {
            // Alt text is required, so a bare path is not enough: ask for the group of fields.
            error: (issue) =>
              typeof issue.input === 'string'
                ? `needs alt text as well as the file. Write cover: { src: ${issue.input}, alt: 描述图片内容 } (caption is optional).`
                : `must be a group of fields, not ${describeValue(issue.input)}. Write cover: { src: ./photo.jpg, alt: 描述图片内容, caption: 摄影：李晓明 }`,
          },
        )
        .optional(),
    })
    .superRefine(
      (article, context) => {
        if (article.updated && article.updated.epoch < article.timestamp.epoch) {
          context.addIssue({
            code: 'custom',
            path: ['updated'],
            message: `${article.updated.display} is before the timestamp ${article.timestamp.display}. Correct it or remove "updated".`,
          });
        }
        if (article.expires && article.expires.epoch <= article.timestamp.epoch) {
          context.addIssue({
            code: 'custom',
            path: ['expires'],
            message: `${article.expires.display} is not after the timestamp ${article.timestamp.display}, so the article would never be published. Correct it or remove "expires".`,
          });
        }
      },
      // Run even when other fields have problems, so the editor sees them all at once.
      { when: (payload) => !payload.issues.some((issue) => ['timestamp', 'updated', 'expires'].includes(String(issue.path?.[0]))) },
    );
}

export type FrontMatter = z.infer<ReturnType<typeof articleSchema>>;
