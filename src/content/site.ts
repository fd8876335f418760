// site.yaml: the newsroom's settings, read through the same text and YAML paths as articles and
// validated like them; every problem names its line and field (`sections[2].key`).
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ContentError, fieldPath, type ContentProblem } from './errors.ts';
import { fileMessages, siteMessages, urlMessages, yamlMessages } from './messages.ts';
import { readText } from './read-text.ts';
import { registrationsSchema } from './registrations.ts';
import { cmsSettingsSchema } from './cms-settings.ts';
import { isKnownZone } from './time.ts';
import { checkAddress } from './urls.ts';
import { parseYaml } from './yaml.ts';

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const s = siteMessages;

const size = (field: string, example: number, min: number, max: number) =>
  z
    .number({ error: (issue) => s.size(field, example, min, max, issue.input) })
    .int({ error: (issue) => s.size(field, example, min, max, issue.input) })
    .min(min, { error: (issue) => s.size(field, example, min, max, issue.input) })
    .max(max, { error: (issue) => s.size(field, example, min, max, issue.input) })
    .default(example);

const address = z
  .string({ error: s.navigationUrl })
  .trim()
  .min(1, { error: s.navigationUrl })
  .superRefine((url, context) => {
    const checked = checkAddress(url);
    if (!checked.ok) context.addIssue({ code: 'custom', input: url, message: urlMessages.notAllowed(url, checked.reads) });
  });

const sectionSchema = z.object({
  key: z.string({ error: s.sectionKey }).regex(KEY, { error: s.sectionKey }),
  name: z.string({ error: s.sectionName }).trim().min(1, { error: s.sectionName }),
  description: z.string().trim().optional(),
});

export const siteSchema = z.object({
  name: z.string({ error: s.nameMissing }).trim().min(1, { error: s.nameMissing }),
  tagline: z.string().trim().default(''),
  baseUrl: z.url({ protocol: /^https?$/, error: s.baseUrl }).transform((url) => url.replace(/\/+$/, '')),
  language: z.string().default('zh-CN'),
  timezone: z.string().default('Asia/Shanghai').refine(isKnownZone, { error: s.timezone }),
  pageSize: size('pageSize', 20, 1, 200),
  railSize: size('railSize', 6, 1, 20),
  sections: z.array(sectionSchema, { error: s.sectionsNotList }).min(1, { error: s.sectionsEmpty }),
  navigation: z
    .array(z.object({ title: z.string({ error: s.navigationTitle }).trim().min(1, { error: s.navigationTitle }), url: address }))
    .default([]),
  registrations: registrationsSchema.optional(),
  cms: cmsSettingsSchema.optional(),
  footer: z.object(
    {
      title: z.string().trim().default('版权及免责声明'),
      text: z.union([z.string().trim().min(1).transform((text) => [text]), z.array(z.string().trim().min(1)).min(1)], { error: s.footerText }),
      contact: z.string({ error: s.footerContact }).trim().min(1, { error: s.footerContact }),
      copyright: z.string().trim().default(''),
    },
    { error: s.footerMissing },
  ),
});

export type Site = z.infer<typeof siteSchema>;

/** site.yaml as read: the settings, the file as shown in messages, and the line of any field. */
export interface SiteFile {
  site: Site;
  file: string;
  lineOf(path: readonly PropertyKey[]): number;
}

/** Reads and validates site.yaml; throws ContentError listing every problem. */
export async function loadSite(path: string, displayPath: string): Promise<Site> {
  return (await loadSiteFile(path, displayPath)).site;
}

export async function loadSiteFile(file: string, displayPath: string, contentDir?: { path: string; shown: string }): Promise<SiteFile> {
  if (contentDir) {
    const info = await stat(contentDir.path).catch(() => undefined);
    if (!info) throw new ContentError([{ file: contentDir.shown, line: 1, field: 'content folder', message: fileMessages.contentFolderMissing(contentDir.shown) }]);
    if (!info.isDirectory()) throw new ContentError([{ file: contentDir.shown, line: 1, field: 'content folder', message: fileMessages.contentNotAFolder(contentDir.shown) }]);
  }
  const read = await readText(file, displayPath, 'site.yaml');
  if (!read.ok) {
    const missing = read.problems.some((problem) => /ENOENT/.test(problem.message));
    throw new ContentError(missing ? [{ file: displayPath, line: 1, field: 'site.yaml', message: fileMessages.siteMissing }] : read.problems);
  }
  return parseSiteFile(read.text, displayPath);
}

export function parseSite(text: string, file: string): Site {
  return parseSiteFile(text, file).site;
}

function parseSiteFile(text: string, file: string): SiteFile {
  const parsed = parseYaml(text.replace(/^\uFEFF/, ''), { file, field: 'site.yaml', firstLine: 1 });
  if (!parsed.ok) throw new ContentError(parsed.problems);
  const { data, lineOf } = parsed.value;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ContentError([{ file, line: 1, field: 'site.yaml', message: yamlMessages.siteNotFields }]);
  }
  const result = siteSchema.safeParse(data ?? {});
  if (!result.success) {
    throw new ContentError(result.error.issues.map((issue) => ({ file, line: lineOf(issue.path), field: fieldPath(issue.path, 'site.yaml'), message: issue.message })));
  }
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  result.data.sections.forEach((section, index) => {
    if (seen.has(section.key)) problems.push({ file, line: lineOf(['sections', index, 'key']), field: fieldPath(['sections', index, 'key']), message: s.sectionKeyTwice(section.key) });
    seen.add(section.key);
  });
  if (problems.length > 0) throw new ContentError(problems);
  return { site: result.data, file, lineOf };
}
