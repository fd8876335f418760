// What the editing room says to reporters and editors (zh-CN): field labels, hints, pattern messages.
// Reader-facing words of the preview come from src/render/strings.ts, as on the site.

export const labels = {
  pageTitle: (siteName: string): string => `编辑部 · ${siteName}`,
  articleSingular: '稿件',
  body: '正文',
  sortByTime: '发布时间',
  alias: '旧网址',
  patternFallback: '格式不正确。',
  maxLength: (max: number): string => `不能超过 ${max} 个字。`,
  tagsHint: (tags: readonly string[]): string =>
    `用逗号分隔多个标签，如：民生, 城市交通。${tags.length > 0 ? `本站常用标签：${tags.join('、')}` : ''}`,
  noScript: '编辑部需要启用 JavaScript。',
  groupIncomplete: (group: string, missing: readonly string[]): string => `${group}未填完整：请填写${missing.join('、')}，或清空${group}。`,
  time: {
    now: '现在',
    placeholder: '2026-12-05 09:00',
    format: '格式：年-月-日 时:分，如 2026-12-05 09:00（北京时间，24 小时制）',
    invalid: '{field}的格式不对：请按“年-月-日 时:分”填写，如 2026-12-05 09:00，或点“现在”。',
  },
  field: {
    title: '标题',
    source: '来源',
    timestamp: '发布时间（北京时间）',
    tags: '标签',
    author: '作者',
    editor: '责任编辑',
    section: '所属栏目（仅当与所在栏目不同时填写）',
    summary: '摘要',
    slug: '网址名',
    featured: '编辑推荐',
    draft: '草稿',
    updated: '更正时间',
    expires: '下线时间',
    correction: '更正说明',
    aliases: '旧网址（跳转到本文）',
    cover: '封面图',
    'cover.src': '图片',
    'cover.alt': '图片说明（供视障读者使用，必填）',
    'cover.caption': '图注',
  } as Record<string, string>,
  hint: {
    title: '不超过 120 个字。改标题不会改变文章网址。',
    timestamp: '按北京时间填写。晚于当前时间的稿件会在该时间自动发布（定时发布）。',
    author: '多位作者用逗号分隔。',
    editor: '多人用逗号分隔。',
    summary: '一两句话；不写则从正文截取。',
    slug: '留空即可：保存新稿件时自动用标题的拼音生成（如 hong-zhou-di-tie）。只能用小写字母、数字和连字符。',
    featured: '打开后进入首页头条和“推荐阅读”。',
    draft: '打开后不会发布，只在预览中可见。',
    updated: '更正稿件时填写，不能早于发布时间。',
    expires: '到这个时间稿件自动下线（页面、列表、搜索都不再出现）。必须晚于发布时间。',
    correction: '如：本文第二段中的数字有误，已更正。请同时填写更正时间。',
    aliases: '旧网站上的地址，以 / 开头，如 /news/2019/12345.html。',
    cover: '图片保存在稿件旁边。',
  } as Record<string, string>,
};

/** Shown when a value does not match the schema's pattern, by field (`name[]` is each list item). */
export const patternMessages: Record<string, string> = {
  slug: '只能用小写字母、数字和连字符，如 metro-line-4。',
  'aliases[]': '以 / 开头的旧网址，只用英文字母、数字和 - _ . ~ % +，如 /news/2019/12345.html。',
};

