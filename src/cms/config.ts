// The Decap CMS configuration (/admin/config.yml), generated from the article schema and site.yaml on
// every build, never written by hand: one collection per section, the form from fields.ts, articles
// saved as content/<section>/<year>/<pinyin-of-the-title>.md with their images beside them.
import type { Site } from '../content/site.ts';
import { cmsField, FORM_ORDER, WIDGETS, type CmsField, type FieldContext } from './fields.ts';
import { labels } from './labels.ts';
import { articleFieldRules } from './rules.ts';
import { defaultCmsSettings, type CmsSettings } from '../content/cms-settings.ts';

export interface CmsConfigInput {
  site: Site;
  /** The site's tags, most used first. */
  tags: readonly string[];
}

export type CmsConfig = Record<string, unknown> & { collections: Record<string, unknown>[] };

/**
 * The year folder is the timestamp's year as written (admin.js pins Decap's clock to it while naming a
 * new file: path templates cannot read a field through a filter); the name comes from the `slug` field.
 */
export const ENTRY_PATH = '{{year}}/{{slug}}';

export function cmsSettingsOf(site: Site): CmsSettings {
  return site.cms ?? defaultCmsSettings();
}

/** Every form field, in FORM_ORDER, then any schema field the order does not name, then the body. */
export function articleFields(context: FieldContext): CmsField[] {
  const rules = articleFieldRules(context.site.sections.map((section) => section.key), context.site.timezone);
  const names = [...FORM_ORDER.filter((name) => name in rules), ...Object.keys(rules).filter((name) => !FORM_ORDER.includes(name))];
  const fields = names.map((name) => {
    const widget = WIDGETS[name];
    const fieldRules = rules[name];
    if (!widget || !fieldRules) throw new Error(`The article schema has a field "${name}" the CMS cannot edit; add it to WIDGETS in src/cms/fields.ts.`);
    return cmsField(name, fieldRules, widget, context);
  });
  // `check` rejects an empty body.
  return [...fields, { name: 'body', label: labels.body, widget: 'markdown', required: true, modes: ['rich_text', 'raw'] }];
}

export function backendConfig(settings: CmsSettings): Record<string, unknown> {
  const backend: Record<string, unknown> = { name: settings.backend, branch: settings.branch, squash_merges: true };
  if (settings.repo) backend.repo = settings.repo;
  if (settings.apiRoot) backend.api_root = settings.apiRoot;
  if (settings.baseUrl) backend.base_url = settings.baseUrl;
  if (settings.authEndpoint) backend.auth_endpoint = settings.authEndpoint;
  if (settings.appId) {
    backend.app_id = settings.appId;
    if (settings.backend === 'gitlab') backend.auth_type = 'pkce';
  }
  return backend;
}

/** The address of the local backend (`npm run cms`), used only when /admin/ is opened on this computer. */
export function localBackendUrl(settings: CmsSettings): string {
  return `http://127.0.0.1:${settings.localPort}/api/v1`;
}

export function buildCmsConfig({ site, tags }: CmsConfigInput): CmsConfig {
  const settings = cmsSettingsOf(site);
  const fields = articleFields({ site, tags });
  return {
    locale: 'zh_Hans',
    backend: backendConfig(settings),
    local_backend: { url: localBackendUrl(settings) },
    // Draft → in review → ready, each a branch and pull request; `npm run cms` writes files directly.
    // Decap's Gitea backend has no editorial workflow: it saves to cms.branch (see docs/editing-room.md).
    ...(settings.backend === 'gitea' ? {} : { publish_mode: 'editorial_workflow' }),
    site_url: site.baseUrl,
    display_url: site.baseUrl,
    logo_url: '/logo.svg',
    // Only for images chosen outside an article; an article's images are saved beside it.
    media_folder: `${settings.contentPath}/images`,
    public_folder: '/images',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: site.sections.map((section) => ({
      name: section.key,
      label: section.name,
      label_singular: `${section.name}${labels.articleSingular}`,
      folder: `${settings.contentPath}/${section.key}`,
      create: true,
      extension: 'md',
      format: 'yaml-frontmatter',
      identifier_field: 'title',
      // The name is filled from the title's pinyin when a new article is saved (admin.js, preSave).
      slug: '{{fields.slug}}',
      path: ENTRY_PATH,
      media_folder: '',
      public_folder: '',
      summary: '{{timestamp}} · {{title}}',
      // Newest first, as on the site.
      sortable_fields: [{ field: 'timestamp', label: labels.sortByTime, default_sort: 'desc' }, 'title'],
      fields,
    })),
  };
}
