// The editing room's form and the article schema cannot drift: every schema field is in the CMS
// configuration, and for every field the CMS accepts exactly what the schema accepts (required or not,
// lengths, patterns, list sizes, sections, the time format). The schema is asked by parsing, not read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFields, buildCmsConfig } from '../../src/cms/config.ts';
import { TIME_WIDGET, type CmsField } from '../../src/cms/fields.ts';
import { cmsSettingsSchema } from '../../src/content/cms-settings.ts';
import { articleSchema } from '../../src/content/schema.ts';
import { parseSite } from '../../src/content/site.ts';
import { SITE_YAML } from '../helpers/fixture-content.ts';

const site = parseSite(SITE_YAML, 'site.yaml');
const sectionKeys = site.sections.map((section) => section.key);
const schema = articleSchema({ zone: site.timezone, sectionKeys });
const fields = articleFields({ site, tags: ['民生', '教育'] });
const byName = new Map(fields.map((field) => [field.name, field]));

/** A complete, valid article with every optional field filled in. */
const FULL: Record<string, unknown> = {
  title: '洪州地铁四号线首批列车完成试跑',
  source: '洪州新闻网',
  timestamp: '2024-03-18 09:08:22',
  tags: ['地铁', '城市交通'],
  author: ['李晓明'],
  editor: ['王芳'],
  section: 'shehui',
  summary: '一两句话的摘要。',
  slug: 'metro-line-4',
  featured: true,
  draft: false,
  updated: '2024-03-19 10:00:00',
  expires: '2025-03-18 09:08:22',
  correction: '本文第二段中的数字有误，已更正。',
  aliases: ['/news/2019/12345.html'],
  cover: { src: './photo.jpg', alt: '列车停靠在站台', caption: '摄影：李晓明' },
};

const schemaAccepts = (article: Record<string, unknown>): boolean => schema.safeParse(article).success;
const withField = (name: string, value: unknown): Record<string, unknown> => ({ ...FULL, [name]: value });
const without = (name: string): Record<string, unknown> => Object.fromEntries(Object.entries(FULL).filter(([key]) => key !== name));

/** What Decap lets through for a text value: present when required, and matching the pattern. */
function cmsAcceptsText(field: CmsField, value: string): boolean {
  if (value.trim() === '') return field.required === false;
  return field.pattern ? new RegExp(field.pattern[0]).test(value) : true;
}

/** Text probes: lengths around every limit, slugs, addresses, and Chinese. */
const PROBES = ['metro-line-4', 'Metro-Line', 'metro--line', '地铁四号线', '/news/2019/12345.html', '/shehui/2023/old-name/', 'news/x', '/a/../b', 'x'.repeat(120), 'x'.repeat(121), '标'.repeat(120), '标'.repeat(121), 'a'];

describe('the CMS form follows the article schema', () => {
  it('has a field for every schema field and no field the schema does not know (besides the body)', () => {
    const schemaNames = Object.keys(schema.shape).sort();
    const formNames = fields.map((field) => field.name).filter((name) => name !== 'body').sort();
    assert.deepEqual(formNames, schemaNames);
    assert.ok(schemaAccepts(FULL), 'the probe article is valid');
    assert.deepEqual(Object.keys(FULL).sort(), schemaNames, 'the probe article fills every field');
  });

  it('asks for exactly the fields the schema requires', () => {
    for (const field of fields) {
      if (field.name === 'body') continue;
      assert.equal(field.required, !schemaAccepts(without(field.name)), `${field.name}: required in the CMS iff the schema requires it`);
    }
  });

  it('accepts and refuses the same text in every text field', () => {
    for (const field of fields.filter((candidate) => ['string', 'text'].includes(candidate.widget))) {
      for (const value of PROBES) {
        assert.equal(cmsAcceptsText(field, value), schemaAccepts(withField(field.name, value)), `${field.name} = "${value.slice(0, 20)}…" (${value.length} characters)`);
      }
    }
  });

  it('has the same list sizes and item rules', () => {
    for (const field of fields.filter((candidate) => candidate.widget === 'list')) {
      assert.equal((field.min ?? 0) > 0, !schemaAccepts(withField(field.name, [])), `${field.name}: an empty list`);
      assert.equal(field.max === undefined, schemaAccepts(withField(field.name, Array.from({ length: 50 }, (_, index) => `/item-${index}`))), `${field.name}: a long list`);
      for (const value of PROBES) {
        const item = field.field ?? { ...field, pattern: undefined, required: true };
        assert.equal(cmsAcceptsText(item as CmsField, value), schemaAccepts(withField(field.name, [value])), `${field.name}: item "${value.slice(0, 20)}"`);
      }
    }
  });

  it('offers exactly the sections the schema accepts', () => {
    const select = byName.get('section');
    assert.ok(select?.options);
    for (const option of select.options) assert.ok(schemaAccepts(withField('section', option.value)), option.value);
    assert.deepEqual(select.options.map((option) => option.value), sectionKeys);
    assert.equal(schemaAccepts(withField('section', 'tiyu')), false, 'a key that is not offered is refused');
  });

  it('writes times the schema reads as site time, for every date-time field', () => {
    const dateFields = fields.filter((field) => field.widget === TIME_WIDGET);
    assert.deepEqual(dateFields.map((field) => field.name).sort(), ['expires', 'timestamp', 'updated']);
    for (const field of dateFields) {
      // What admin.js's site-time widget writes for 18 March 2024, 09:08:22 (this format's tokens).
      const written = String(field.format).replace('YYYY', '2024').replace('MM', '03').replace('DD', '18').replace('HH', '09').replace('mm', '08').replace('ss', '22');
      assert.equal(written, '2024-03-18 09:08:22', `${field.name} is written as YYYY-MM-DD HH:MM:SS`);
      const parsed = schema.safeParse(withField(field.name, written));
      assert.ok(parsed.success || field.name !== 'timestamp', `${field.name}: "${written}" is read`);
    }
    const parsed = schema.parse(withField('timestamp', '2024-03-18 09:08:22'));
    assert.equal(parsed.timestamp.iso, '2024-03-18T09:08:22+08:00', 'read in the site time zone');
  });

  it('checks the cover group like the schema: nothing, or a picture with its alt text', () => {
    const cover = byName.get('cover');
    assert.ok(cover?.fields);
    assert.equal(cover.widget, 'object');
    for (const child of cover.fields) {
      const rest = Object.fromEntries(Object.entries(FULL.cover as object).filter(([key]) => key !== child.name));
      const needed = !schemaAccepts(withField('cover', rest));
      // Inside an optional group Decap cannot say "required if the group is used"; admin.js does.
      assert.equal(child.required === true || child.required_in_group === true, needed, `cover.${child.name}`);
    }
    assert.equal(cover.fields.find((child) => child.name === 'src')?.widget, 'image');
  });
});

describe('the CMS configuration from site.yaml', () => {
  it('saves each section into its folder, by year, with images beside the article', () => {
    const config = buildCmsConfig({ site, tags: [] });
    assert.equal(config.locale, 'zh_Hans');
    assert.equal(config.publish_mode, 'editorial_workflow');
    assert.deepEqual(
      config.collections.map((collection) => [collection.name, collection.folder, collection.path, collection.media_folder, collection.public_folder]),
      sectionKeys.map((key) => [key, `content/${key}`, '{{year}}/{{slug}}', '', '']),
    );
  });

  it('needs the OAuth client ID for Gitea and GitLab, and the API address for Gitea', () => {
    assert.equal(cmsSettingsSchema.safeParse({ backend: 'gitea', repo: 'a/b' }).success, false);
    assert.equal(cmsSettingsSchema.safeParse({ backend: 'gitea', repo: 'a/b', apiRoot: 'https://git.example.cn/api/v1', appId: 'x' }).success, true);
    assert.equal(cmsSettingsSchema.safeParse({ backend: 'gitlab', repo: 'a/b' }).success, false);
    assert.equal(cmsSettingsSchema.safeParse({ backend: 'svn' }).success, false);
    const site2 = parseSite(`${SITE_YAML}cms:\n  backend: gitlab\n  repo: newsroom/portal\n  apiRoot: https://git.example.cn/api/v4\n  baseUrl: https://git.example.cn\n  appId: abc\n`, 'site.yaml');
    assert.deepEqual(buildCmsConfig({ site: site2, tags: [] }).backend, {
      name: 'gitlab',
      branch: 'main',
      squash_merges: true,
      repo: 'newsroom/portal',
      api_root: 'https://git.example.cn/api/v4',
      base_url: 'https://git.example.cn',
      app_id: 'abc',
      auth_type: 'pkce',
    });
    assert.equal(buildCmsConfig({ site: site2, tags: [] }).publish_mode, 'editorial_workflow');
    const gitea = parseSite(`${SITE_YAML}cms:\n  backend: gitea\n  repo: a/b\n  apiRoot: https://git.example.cn/api/v1\n  appId: x\n`, 'site.yaml');
    assert.equal(buildCmsConfig({ site: gitea, tags: [] }).publish_mode, undefined, 'no editorial workflow on Gitea');
  });
});
