// The review of a pull request from the editing room, in the newsroom's words: what `npm run check`
// and the build found, by article and by the field's name as the form shows it (标题, 发布时间 …).
// CI (.github/workflows/content-review.yml) posts it as a comment and a job summary:
//   node --import tsx src/cms/review-report.ts --check check.json --build-status 0 > review.md
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { labels } from './labels.ts';

export interface CheckResult {
  ok: boolean;
  articles?: number;
  drafts?: number;
  problems: { file: string; line: number; field: string; message: string }[];
}

/** The form's name for a front-matter field ("cover.alt" → 图片说明…, "tags.2" → 标签). */
export function fieldName(field: string): string {
  const path = field.split('.').filter((part) => !/^\d+$/.test(part));
  const exact = labels.field[path.join('.')];
  if (exact) return exact;
  if (field === 'body') return labels.body;
  const top = path[0] ? labels.field[path[0]] : undefined;
  return top ?? field;
}

export function reviewMarkdown(check: CheckResult | undefined, buildOk: boolean): string {
  const lines: string[] = [];
  if (!check) {
    lines.push('### ❌ 稿件检查没有运行', '', '检查程序没有给出结果，请联系技术人员查看本次运行的日志。');
    return `${lines.join('\n')}\n`;
  }
  if (check.ok && buildOk) {
    lines.push('### ✅ 稿件检查通过', '', `全部 ${check.articles ?? 0} 篇稿件格式正确，网站可以正常生成。审核后即可发布。`);
    return `${lines.join('\n')}\n`;
  }
  if (!check.ok) {
    const files = new Map<string, CheckResult['problems']>();
    for (const problem of check.problems) files.set(problem.file, [...(files.get(problem.file) ?? []), problem]);
    lines.push(`### ❌ 有 ${check.problems.length} 处需要修改（${files.size} 篇稿件），修改前不能发布`, '');
    for (const [file, problems] of files) {
      lines.push(`**${file}**`, '');
      for (const problem of problems) lines.push(`- 第 ${problem.line} 行，${fieldName(problem.field)}（\`${problem.field}\`）：${problem.message}`);
      lines.push('');
    }
    lines.push('在编辑部（/admin/）打开这篇稿件，按提示修改对应的栏目后再次保存，检查会自动重新运行。');
  } else {
    lines.push('### ❌ 稿件格式正确，但网站生成失败', '', '这通常不是稿件的问题。请联系技术人员查看本次运行的日志。');
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'string' }, 'build-status': { type: 'string', default: '0' } } });
  let check: CheckResult | undefined;
  try {
    check = JSON.parse(await readFile(values.check ?? 'check.json', 'utf8')) as CheckResult;
  } catch {
    check = undefined;
  }
  process.stdout.write(reviewMarkdown(check, values['build-status'] === '0'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
