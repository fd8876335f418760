// The /admin/ page: Decap CMS's prebuilt browser bundle served from our own site (no CDN), our
// script (pinyin file names, the preview that looks like an article page), the generated config, and
// a policy of its own: the CMS needs what public pages must never allow.
import { NAME_WORDS } from '../content/scaffold.ts';
import type { Site } from '../content/site.ts';
import { strings } from '../render/strings.ts';
import { articleFields, cmsSettingsOf, localBackendUrl } from './config.ts';
import { TIMESTAMP_FORMAT } from './fields.ts';
import { labels } from './labels.ts';

/** Scripts of /admin/, in load order. */
export const ADMIN_SCRIPTS = ['pinyin-pro.js', 'decap-cms.js', 'admin.js'] as const;

/** What admin.js reads from the page (a JSON data block: no inline script runs). */
export interface AdminPageData {
  /** Site path of the built site's stylesheet, for the preview. */
  stylesheet: string;
  nameWords: number;
  timestampFormat: string;
  sections: Record<string, string>;
  /** Optional groups (cover): the sub-fields required once the group is used, with their labels. */
  groups: Record<string, { label: string; required: Record<string, string> }>;
  /** The 发布时间 widget: the site's time zone and its words ({field} filled in by admin.js). */
  time: { zone: string; now: string; placeholder: string; format: string; invalid: string };
  /** Messages with {placeholders} filled in by admin.js. */
  messages: { groupIncomplete: string };
  words: { published: string; source: string; author: string; byline: string; tags: string; correction: string; updated: string };
}

/** Origins the CMS talks to: its Git host's API (and login), the local backend on this computer. */
export function adminOrigins(site: Site): { connect: string[]; images: string[]; forms: string[] } {
  const settings = cmsSettingsOf(site);
  const connect = new Set<string>();
  const images = new Set<string>();
  const forms = new Set<string>();
  if (settings.backend === 'github') {
    connect.add(settings.apiRoot ? new URL(settings.apiRoot).origin : 'https://api.github.com');
    images.add('https://avatars.githubusercontent.com');
  } else if (settings.backend === 'gitlab') {
    connect.add(new URL(settings.apiRoot ?? 'https://gitlab.com/api/v4').origin);
  } else if (settings.apiRoot) {
    connect.add(new URL(settings.apiRoot).origin);
  }
  if (settings.baseUrl) {
    connect.add(new URL(settings.baseUrl).origin);
    forms.add(new URL(settings.baseUrl).origin);
  }
  for (const origin of connect) if (settings.backend !== 'github') images.add(origin);
  connect.add(new URL(localBackendUrl(settings)).origin);
  return { connect: [...connect].sort(), images: [...images].sort(), forms: [...forms].sort() };
}

/**
 * The policy of /admin/ only. Decap needs 'unsafe-eval' (its config validator compiles schemas),
 * inline styles (emotion), blob: images and frames (uploads, the preview pane) and its Git host's API.
 */
export function adminContentSecurityPolicy(site: Site): string {
  const { connect, images, forms } = adminOrigins(site);
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${images.join(' ')}`.trim(),
    "font-src 'self' data:",
    `connect-src 'self' blob: ${connect.join(' ')}`,
    "frame-src 'self' blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${forms.join(' ')}`.trim(),
  ].join('; ');
}

export function adminPageData(site: Site, stylesheet: string): AdminPageData {
  const groups: AdminPageData['groups'] = {};
  for (const field of articleFields({ site, tags: [] })) {
    const required = (field.fields ?? []).filter((child) => child.required_in_group === true);
    if (required.length > 0) groups[field.name] = { label: field.label, required: Object.fromEntries(required.map((child) => [child.name, child.label])) };
  }
  return {
    stylesheet,
    nameWords: NAME_WORDS,
    timestampFormat: TIMESTAMP_FORMAT,
    sections: Object.fromEntries(site.sections.map((section) => [section.key, section.name])),
    groups,
    time: { zone: site.timezone, ...labels.time },
    messages: { groupIncomplete: labels.groupIncomplete('{group}', ['{missing}']) },
    words: {
      published: strings.published,
      source: strings.source,
      author: strings.author,
      byline: strings.byline,
      tags: strings.tags,
      correction: strings.correction,
      updated: strings.updated,
    },
  };
}

/** JSON inside <script type="application/json">: "<" is escaped so no value can end the element. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function adminPageHtml(site: Site, stylesheet: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(site.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(adminContentSecurityPolicy(site))}">
  <title>${escapeAttribute(labels.pageTitle(site.name))}</title>
  <link rel="cms-config-url" type="text/yaml" href="config.yml">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="admin.css">
  <script type="application/json" id="broadsheet-cms">${jsonForHtml(adminPageData(site, stylesheet))}</script>
</head>
<body>
  <noscript>${escapeAttribute(labels.noScript)}</noscript>
${ADMIN_SCRIPTS.map((file) => `  <script src="${file}"></script>`).join('\n')}
</body>
</html>
`;
}
