// Every message an editor can get about content, in one place (the Astro style: what happened, why,
// what to do; no "Error:" prefix). The loader adds file, line and field: `file:line → field: message`.
// Reader-facing Chinese is not here: it lives in src/render/strings.ts.
import { describeValue } from './errors.ts';

const list = (items: readonly string[]): string => items.join(', ');

export const fileMessages = {
  contentFolderMissing: (folder: string) => `The content folder ${folder} does not exist. Check the --content path, or create the folder with a site.yaml in it (see README, "Configuring the site").`,
  contentNotAFolder: (folder: string) => `${folder} is a file, not a folder. Give --content the folder that holds site.yaml and the section folders.`,
  siteMissing: 'The site settings file is missing. Create it (see README, "Configuring the site").',
  unreadable: (code: string) => `The file cannot be read (${code}). Check that it is a readable file.`,
  notUtf8: (encoding: string | undefined, file: string) =>
    encoding
      ? `The file is not UTF-8: it looks like ${encoding} (common in files copied from older newsroom systems), so it would be published as unreadable characters. Convert it, e.g. iconv -f GB18030 -t UTF-8 ${file} > converted.md, check the text, then replace the file.`
      : `The file is not valid UTF-8, so it would be published as unreadable characters. Save it again as UTF-8 (e.g. iconv -f GB18030 -t UTF-8 ${file} > converted.md if it came from a GBK system).`,
  controlCharacter: (code: number) =>
    `contains the invisible control character U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ' (NUL)' : ''}, which cannot be published. Delete it (it often comes from copying out of another program).`,
  tooLarge: (megabytes: number) => `The file is larger than ${megabytes} MB. Split it, or move large data out of the article.`,
};

export const yamlMessages = {
  noFrontMatter: 'The file has no front matter. Start it with a line "---", then the fields (title, source, timestamp, tags, author), then "---".',
  unclosed: 'The front matter is never closed. Add a line "---" after the last field, before the article text.',
  duplicateKey: 'A field is written twice. Keep one of them.',
  malformed: (detail: string) => `The YAML is malformed here (${detail}). Check the quotes, colons and indentation on this line.`,
  unreadable: (detail: string) => `The YAML cannot be read here (${detail}). Check the quotes, colons and indentation on this line.`,
  tooManyAliases: (limit: number) =>
    `The YAML uses more than ${limit} aliases (*name), which would expand into a huge document (a "billion laughs" file). Write the values out instead of repeating them with & and *.`,
  tooDeep: 'The YAML is nested too deeply to be a settings file. Check the indentation.',
  empty: 'The front matter is empty. Add the fields title, source, timestamp, tags and author between the two "---" lines.',
  notFields: 'The front matter must be "field: value" lines, one per field.',
  siteNotFields: 'site.yaml must be "key: value" lines (see README, "Configuring the site").',
};

export const articleMessages = {
  missingText: (field: string, example: string) => `is missing. Add a line such as: ${field}: ${example}`,
  notText: (field: string, example: string, value: unknown) => `must be text, not ${describeValue(value)}. Write it after "${field}:", e.g. ${field}: ${example}`,
  emptyText: (field: string, example: string) => `is empty. Write it after "${field}:", e.g. ${field}: ${example}`,
  titleTooLong: 'is longer than 120 characters. Shorten the headline.',
  notFlag: (field: string, value: unknown) => `must be true or false, not ${describeValue(value)}. Write ${field}: true or ${field}: false.`,
  missingTime: (field: string, zone: string) => `is missing. Add the publication time in site time (${zone}), e.g. ${field}: 2024-03-18 09:08:22`,
  notTime: (field: string, value: unknown) => `must be a date and time, not ${describeValue(value)}. Write e.g. ${field}: 2024-03-18 09:08:22`,
  notDate: (written: string, suggestion: string) => `"${written}" is not a date. Write ${suggestion}.`,
  tooFarAhead: (written: string, years: number) =>
    `"${written}" is more than ${years} years in the future, which is almost certainly a typing mistake. Correct the year (to schedule an article, give the real publication time).`,
  tooEarly: (written: string, year: number) =>
    `"${written}" is before ${year}, earlier than this site's archive goes, which is almost certainly a typing mistake (1909 typed for 2009). Correct the year; if the archive really starts earlier, set firstYear in site.yaml.`,
  tooManyItems: (count: number, max: number) => `has ${count} items; at most ${max} are allowed (each one is a page of its own and a link on the article). Keep the ${max} that matter most.`,
  textTooLong: (max: number) => `is longer than ${max} characters. Shorten it.`,
  tagNotWord: (value: unknown) => `has an item that is ${describeValue(value)}, not a word. Put it in quotes, e.g. - "${String(value ?? '标签')}".`,
  emptyItem: 'has an empty item. Remove the empty "-" line.',
  tagsMissing: 'is missing. Add a list of tags, e.g. tags: [民生, 城市交通]',
  tagsNotList: (value: unknown) => `must be a list, not ${describeValue(value)}. Write tags: [民生, 城市交通] or one "- tag" per line.`,
  tagsEmpty: 'is empty. Give at least one tag, e.g. tags: [民生].',
  authorMissing: 'is missing. Add the reporter, e.g. author: 李晓明 (several: author: [李晓明, 王芳]).',
  namesNotNames: (field: string, example: string, value: unknown) => `must be a name or a list of names, not ${describeValue(value)}. Write e.g. ${field}: ${example}`,
  namesEmpty: (field: string, example: string) => `is an empty list. Give at least one name, e.g. ${field}: ${example} (several: ${field}: [${example}, 王芳]), or remove the line.`,
  sectionNotKey: (value: unknown, keys: readonly string[]) => `must be a section key, not ${describeValue(value)}. Use one of: ${list(keys)}.`,
  sectionUnknown: (value: unknown, keys: readonly string[]) => `${describeValue(value)} is not a section of this site. Use one of: ${list(keys)}, or add it to site.yaml.`,
  slugNotText: (value: unknown) => `must be text, not ${describeValue(value)}. Write e.g. slug: metro-line-4`,
  slugNotAscii: (value: unknown) => `${describeValue(value)} must use lowercase ASCII letters, digits and hyphens only, e.g. slug: metro-line-4`,
  aliasNotText: (value: unknown) => `has an item that is ${describeValue(value)}, not an address. Write e.g. - /news/2019/metro-line-4/`,
  aliasNotPath: (value: unknown) => `${describeValue(value)} is not an old address of this site. Write the path as it was, starting with "/" and in ASCII, e.g. - /news/2019/metro-line-4/`,
  aliasesNotList: (value: unknown) => `must be a list of old addresses, not ${describeValue(value)}. Write aliases: [/news/2019/metro-line-4/] or one "- /old/path/" per line.`,
  coverNeedsAlt: (value: unknown) => `needs alt text as well as the file. Write cover: { src: ${String(value)}, alt: 描述图片内容 } (caption is optional).`,
  coverNotGroup: (value: unknown) => `must be a group of fields, not ${describeValue(value)}. Write cover: { src: ./photo.jpg, alt: 描述图片内容, caption: 摄影：李晓明 }`,
  updatedBefore: (updated: string, timestamp: string) => `${updated} is before the timestamp ${timestamp}. Correct it or remove "updated".`,
  expiresNotAfter: (expires: string, timestamp: string) => `${expires} is not after the timestamp ${timestamp}, so the article would never be published. Correct it or remove "expires".`,
  folderNotSection: (folder: string, keys: readonly string[]) => `the folder "${folder}" is not a section in site.yaml. Move the file into one of ${list(keys)}, or add "section:" to its front matter.`,
  notInSection: (keys: readonly string[]) => `the article is not in a section folder. Move it into one of ${list(keys)}, or add "section:" to its front matter.`,
  folderNotAscii: (folder: string, suggestion: string) => `the folder "${folder}" is not plain ASCII, so it cannot be part of a URL. Rename it with letters, digits and hyphens, e.g. ${suggestion}.`,
  fileNotAscii: (stem: string, suggestion: string) => `"${stem}.md" is not plain ASCII, so it cannot be a URL. Rename the file, e.g. ${suggestion}.md, or add "slug: ${suggestion}" to the front matter.`,
  noText: 'the article has no text. Write the article below the closing "---" line.',
};

export const htmlMessages = {
  comment: (start: string) =>
    `contains an HTML comment (<!-- ${start}…), which is never published, and with it anything up to where the browser ends it (a malformed end such as --!> can hide the text after it). Delete the comment; keep notes for colleagues in a file whose name starts with _.`,
  element: (tag: string) => `contains a <${tag}> element, which is never published. Remove it; embed media with Markdown or ask a developer for a shortcode.`,
  attribute: (tag: string, attribute: string) =>
    /^on/i.test(attribute)
      ? `contains the HTML attribute ${attribute}="…", which would run a script. Remove the attribute.`
      : `the <${tag}> attribute ${attribute}="…" is not published. Remove it (formatting comes from the site's style sheet).`,
  address: (attribute: string, written: string, reads: string) =>
    reads === '//'
      ? `contains the address "${shorten(written)}" in ${attribute}, which leaves out "https:" (a protocol-relative address). Write the full address, e.g. https://www.example.cn/photo.jpg, or save the file on this site.`
      : `contains a "${reads}" address in ${attribute}${written.replace(/\s/g, '').toLowerCase().startsWith(reads) ? '' : ` (written "${shorten(written)}", which browsers read as "${reads}…")`}, which would run a script or is not a web address. Link to an http(s) address or a page of this site instead.`,
  layoutId: (id: string) => `uses id="${id}", which the page itself uses (e.g. the 跳到正文 link jumps to #main), so the body would take it over. Choose another id, e.g. id="${id}-1".`,
  refusedLink: (scheme: string, written: string) =>
    `links to a "${scheme}" address${written.replace(/\s/g, '').toLowerCase().startsWith(scheme) ? '' : ` (written "${shorten(written)}")`}, which would run a script. Link to an http(s) address or a page of this site instead.`,
};

export const imageMessages = {
  noAlt: (src: string) => `the image "${src}" has no alt text. Describe what it shows for readers who cannot see it, e.g. ![市民在站台候车](${src})`,
  remote: (src: string) =>
    `the image "${shorten(src)}" is on another server, so its size cannot be known and readers would load it from there. Save the image beside the article and refer to it by file name, e.g. ./photo.jpg.`,
  outside: (src: string) => `the image "${shorten(src)}" is outside the content folder. Move it beside the article or into content/images/ and refer to it from there.`,
  badPath: (src: string) => `the image address "${shorten(src)}" is not a file name (it has a broken %-escape or a control character). Write the file name as it is, e.g. ./photo.jpg.`,
  missing: (shown: string) => `the image file ${shown} does not exist. Save the image there, or correct the file name.`,
  unreadable: (shown: string, code: string) => `the image file ${shown} cannot be opened (${code}). Check that it is a readable file.`,
  notAFile: (shown: string, kind: string) => `${shown} is ${kind}, not an image file. Point to a JPEG, PNG or WebP file.`,
  fileTooBig: (shown: string, megabytes: number) => `the image file ${shown} is larger than ${megabytes} MB. Export it smaller (photos for the web rarely need more than 5 MB).`,
  tooManyPixels: (shown: string, width: number, height: number, limit: number) =>
    `the image ${shown} is too large: ${width}×${height} pixels (${Math.round((width * height) / 1e6)} megapixels; at most ${Math.round(limit / 1e6)} are processed). Export it at most 8000 pixels wide.`,
  notAnImage: (shown: string) => `the image file ${shown} is damaged or not an image. Export it again as JPEG, PNG or WebP and replace the file.`,
  damaged: (shown: string, detail: string) =>
    `the image file ${shown} is damaged (${detail}): it cannot be decoded, so the build could not resize it. Export it again as JPEG, PNG or WebP and replace the file.`,
};

export const siteMessages = {
  nameMissing: 'is missing. Give the portal name, e.g. name: 洪州新闻网.',
  baseUrl: 'must be the full address of the site, e.g. baseUrl: https://news.example.cn',
  timezone: 'is not a time zone. Use an IANA name such as Asia/Shanghai.',
  size: (field: string, example: number, min: number, max: number, value: unknown) =>
    `must be a whole number from ${min} to ${max}, not ${describeValue(value)}. Write e.g. ${field}: ${example}.`,
  sectionsNotList: 'must be a list of sections, each with a key and a name.',
  sectionsEmpty: 'needs at least one section.',
  sectionKey: 'must be lowercase ASCII letters, digits and hyphens, e.g. key: jiaoyu.',
  sectionName: 'is missing. Give the Chinese name readers see, e.g. name: 教育.',
  sectionKeyTwice: (key: string) => `"${key}" is used by two sections. Give each section its own key.`,
  sectionKeyReserved: (key: string, owner: string) =>
    `"${key}" is a section key, but /${key}/ is already ${owner}. Choose another key, e.g. ${key}-news, and rename the folder to match.`,
  navigationTitle: 'is missing. Give the link text readers see, e.g. title: 全部标签.',
  navigationUrl: 'is missing. Give the address, e.g. url: /tag/',
  footerText: 'must be the disclaimer text, one paragraph per list item.',
  footerContact: 'is missing. Give the address readers write to, e.g. contact: editor@example.cn',
  footerMissing: 'is missing. Add footer: with title, text and contact (see README).',
};

export const urlMessages = {
  notAllowed: (written: string, reads: string | undefined) =>
    `"${shorten(written)}" is not an address readers can follow safely${reads ? ` (it reads as a "${reads}" address)` : ''}. Use an http(s) address (https://example.cn/page) or a path of this site starting with "/" (e.g. /tag/).`,
};

export const addressMessages = {
  articleTwice: (url: string, others: string) => `${url} is also the URL of ${others}. Rename one of the files or give it a different "slug:".`,
  articleOnList: (url: string, what: string) => `${url} is already the address of ${what}. Rename the file or give it a different "slug:".`,
  articleOnReserved: (url: string, what: string) => `${url} is ${what}, which the site needs for itself. Rename the file or give it a different "slug:".`,
  aliasOnPage: (alias: string, what: string) => `${alias} is the address of ${what}, so it cannot also redirect. Remove this alias.`,
  aliasOnReserved: (alias: string, what: string) => `${alias} is ${what}, which the site needs for itself, so it cannot redirect. Remove this alias.`,
  aliasTwice: (alias: string, others: string) => `${alias} is also an alias in ${others}. An old address can redirect to one article only; remove one of them.`,
};

export function shorten(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}
