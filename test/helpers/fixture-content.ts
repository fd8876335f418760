// Writes a small content folder (site.yaml plus articles) into a temp directory for a test.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const SITE_YAML = `name: 测试新闻网
tagline: 测试用站点
baseUrl: https://news.test.example
timezone: Asia/Shanghai
pageSize: 2
railSize: 3
sections:
  - key: jiaoyu
    name: 教育
  - key: shehui
    name: 社会
footer:
  title: 版权及免责声明
  text:
    - 本网所有作品版权归测试新闻网所有。
  contact: desk@news.test.example
`;

export interface ArticleFields {
  title?: string;
  source?: string;
  timestamp?: string;
  tags?: string;
  author?: string;
  extra?: string;
  body?: string;
}

/** An article file's text; every field can be overridden, or dropped by passing ''. */
export function articleText(fields: ArticleFields = {}): string {
  const lines = [
    fields.title ?? 'title: 测试标题',
    fields.source ?? 'source: 测试新闻网',
    fields.timestamp ?? 'timestamp: 2024-03-18 09:08:22',
    fields.tags ?? 'tags: [民生, 教育]',
    fields.author ?? 'author: 李晓明',
    fields.extra ?? '',
  ].filter(Boolean);
  return `---\n${lines.join('\n')}\n---\n${fields.body ?? '这是正文。学校负责人介绍了新学期的安排。'}\n`;
}

/** Creates a content folder with site.yaml and the given files (path → text); returns its path. */
export async function makeContent(files: Record<string, string>, siteYaml = SITE_YAML): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-content-'));
  await writeFile(path.join(root, 'site.yaml'), siteYaml);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}
