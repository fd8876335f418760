// site.yaml: the newsroom's settings, validated like articles.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContentError, type ContentProblem } from './errors.ts';
import { isKnownZone } from './time.ts';
import { registrationsSchema } from './registrations.ts';
import { cmsSettingsSchema } from '../cms/settings.ts';
import { LineCounter, parseDocument, isNode } from 'yaml';

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const sectionSchema = z.object({
  key: z.string().regex(KEY, { error: 'must be lowercase ASCII letters, digits and hyphens, e.g. key: jiaoyu.' }),
  name: z.string({ error: 'is missing. Give the Chinese name readers see, e.g. name: 教育.' }).trim().min(1),
  description: z.string().trim().optional(),
});

export const siteSchema = z.object({
  name: z.string({ error: 'is missing. Give the portal name, e.g. name: 洪州新闻网.' }).trim().min(1),
  tagline: z.string().trim().default(''),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be the full address of the site, e.g. baseUrl: https://news.example.cn' })
    .transform((url) => url.replace(/\/+$/, '')),
  language: z.string().default('zh-CN'),
  timezone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isKnownZone, { error: 'is not a time zone. Use an IANA name such as Asia/Shanghai.' }),
  pageSize: z.number({ error: 'must be a whole number, e.g. pageSize: 20.' }).int().min(1).max(200).default(20),
  railSize: z.number({ error: 'must be a whole number, e.g. railSize: 6.' }).int().min(1).max(20).default(6),
  sections: z
    .array(sectionSchema, { error: 'must be a list of sections, each with a key and a name.' })
    .min(1, { error: 'needs at least one section.' }),
  navigation: z
    .array(z.object({ title: z.string().trim().min(1), url: z.string().trim().min(1) }))
    .default([]),
  registrations: registrationsSchema.optional(),
  cms: cmsSettingsSchema.optional(),
  footer: z.object(
    {
      title: z.string().trim().default('版权及免责声明'),
      text: z.union([z.string().trim().min(1).transform((text) => [text]), z.array(z.string().trim().min(1)).min(1)], {
        error: 'must be the disclaimer text, one paragraph per list item.',
      }),
      contact: z.string({ error: 'is missing. Give the address readers write to, e.g. contact: editor@example.cn' }).trim().min(1),
      copyright: z.string().trim().default(''),
    },
    { error: 'is missing. Add footer: with title, text and contact (see README).' },
  ),
});

export type Site = z.infer<typeof siteSchema>;
export type SectionConfig = Site['sections'][number];

/** Reads and validates site.yaml; throws ContentError listing every problem. */
export async function loadSite(path: string, displayPath: string): Promise<Site> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ContentError(
      [{ file: displayPath, line: 1, field: 'site.yaml', message: 'The site settings file is missing. Create it (see README, "Configuring the site").' }],
      { cause },
    );
  }
  return parseSite(text, displayPath);
}

export function parseSite(text: string, file: string): Site {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, version: '1.2', schema: 'core', uniqueKeys: true });
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  if (document.errors.length > 0) {
    throw new ContentError(
      document.errors.map((error) => ({
        file,
        line: lineAt(error.pos[0]),
        field: 'site.yaml',
        message: `The YAML cannot be read here (${error.message.split('\n')[0]}). Check quotes, colons and indentation.`,
      })),
    );
  }
  const result = siteSchema.safeParse(document.toJS() ?? {});
  const problems: ContentProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      let line = 1;
      for (let depth = path.length; depth > 0; depth -= 1) {
        const node = document.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) {
          line = lineAt(node.range[0]);
          break;
        }
      }
      problems.push({ file, line, field: path.join('.') || 'site.yaml', message: issue.message });
    }
    throw new ContentError(problems);
  }
  const seen = new Map<string, number>();
  result.data.sections.forEach((section, index) => {
    if (seen.has(section.key)) {
      const node = document.getIn(['sections', index], true);
      const line = isNode(node) && node.range ? lineAt(node.range[0]) : 1;
      problems.push({ file, line, field: `sections.${index}.key`, message: `"${section.key}" is used by two sections. Give each section its own key.` });
    }
    seen.set(section.key, index);
  });
  if (problems.length > 0) throw new ContentError(problems);
  return result.data;
}
