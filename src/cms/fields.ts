// The editing room's form: one Decap CMS field per front-matter field of the article schema, in the
// order the README documents them. Labels and widgets are chosen here; whether a field is required and
// its limits come from the schema (rules.ts), so the form and `check` cannot disagree.
import { DEFAULT_AUTHOR } from '../content/scaffold.ts';
import type { Site } from '../content/site.ts';
import { labels, patternMessages } from './labels.ts';
import type { FieldRules } from './rules.ts';

/** A Decap CMS field (the subset we use). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  min?: number;
  max?: number;
  field?: CmsField;
  fields?: CmsField[];
  options?: { label: string; value: string }[];
  [option: string]: unknown;
}

export interface FieldContext {
  site: Site;
  /** The site's tags, most used first: suggested under the tags field. */
  tags: readonly string[];
}

/** Stored in front matter as the README writes it: 2024-03-18 09:08:22, site (Beijing) time. */
export const TIMESTAMP_FORMAT = 'YYYY-MM-DD HH:mm:ss';
const TAG_SUGGESTIONS = 20;

/**
 * Our own widget (admin.js, `site-time`): a text box read and written as YYYY-MM-DD HH:mm in site time,
 * seconds optional and written as :00, whatever the browser's locale. Decap's `datetime` is the
 * browser's native picker, which follows the browser's locale and turned a typed 2026 into 1902.
 */
export const TIME_WIDGET = 'site-time';
const datetime = { widget: TIME_WIDGET, format: TIMESTAMP_FORMAT } as const;

type Widget = (context: FieldContext) => Omit<CmsField, 'name' | 'label' | 'required'> & { widget: string };

/** How each schema field is edited. A schema field missing here fails the drift test. */
export const WIDGETS: Record<string, Widget> = {
  title: () => ({ widget: 'string' }),
  source: ({ site }) => ({ widget: 'string', default: site.name }),
  timestamp: () => ({ ...datetime, default: '{{now}}' }),
  tags: ({ tags }) => ({ widget: 'list', allow_add: true, hint: labels.tagsHint(tags.slice(0, TAG_SUGGESTIONS)) }),
  author: () => ({ widget: 'list', allow_add: true, default: [DEFAULT_AUTHOR] }),
  editor: () => ({ widget: 'list', allow_add: true }),
  section: ({ site }) => ({ widget: 'select', options: site.sections.map((section) => ({ label: section.name, value: section.key })) }),
  summary: () => ({ widget: 'text' }),
  slug: () => ({ widget: 'string' }),
  featured: () => ({ widget: 'boolean', default: false }),
  draft: () => ({ widget: 'boolean', default: false }),
  updated: () => ({ ...datetime }),
  expires: () => ({ ...datetime }),
  correction: () => ({ widget: 'text' }),
  aliases: () => ({ widget: 'list', allow_add: true, field: { name: 'alias', label: labels.alias, widget: 'string' } }),
  cover: () => ({ widget: 'object', collapsed: false }),
};

/** Sub-fields of a group field. */
const GROUP_WIDGETS: Record<string, Record<string, Widget>> = {
  cover: {
    src: () => ({ widget: 'image', choose_url: false }),
    alt: () => ({ widget: 'string' }),
    caption: () => ({ widget: 'string' }),
  },
};

/** The order of the form (README's front-matter reference); the body comes last. */
export const FORM_ORDER = ['title', 'source', 'timestamp', 'tags', 'author', 'section', 'summary', 'cover', 'featured', 'draft', 'expires', 'updated', 'correction', 'editor', 'slug', 'aliases'];

export function cmsField(name: string, rules: FieldRules, widget: Widget, context: FieldContext, group?: string): CmsField {
  const key = group ? `${group}.${name}` : name;
  const field: CmsField = { name, label: labels.field[key] ?? name, ...widget(context), required: rules.required };
  const hint = labels.hint[key];
  if (hint && !field.hint) field.hint = hint;
  const pattern = patternFor(rules, key);
  if (pattern) field.pattern = pattern;
  if (rules.minItems !== undefined) field.min = rules.minItems;
  if (rules.maxItems !== undefined) field.max = rules.maxItems;
  if (field.field && rules.items) {
    const itemPattern = patternFor(rules.items, `${key}[]`);
    if (itemPattern) field.field = { ...field.field, pattern: itemPattern };
  }
  if (rules.fields) {
    const widgets = GROUP_WIDGETS[name] ?? {};
    field.fields = Object.entries(rules.fields).map(([child, childRules]) => {
      const childWidget = widgets[child];
      if (!childWidget) throw new Error(`The CMS has no widget for ${name}.${child}; add one to GROUP_WIDGETS in src/cms/fields.ts.`);
      const childField = cmsField(child, childRules, childWidget, context, name);
      // Decap checks a required sub-field even when the whole group is left empty, so inside an
      // optional group the rule moves to admin.js (preSave): required once any part is filled in.
      if (!rules.required && childField.required) return { ...childField, required: false, required_in_group: true };
      return childField;
    });
  }
  return field;
}

/** A regular expression Decap checks on a non-empty value, with the message shown beside the field. */
function patternFor(rules: FieldRules, key: string): [string, string] | undefined {
  if (rules.pattern) return [rules.pattern, patternMessages[key] ?? labels.patternFallback];
  if (rules.maxLength !== undefined) {
    const min = Math.max(rules.minLength ?? 0, 1);
    return [`^[\\s\\S]{${min},${rules.maxLength}}$`, labels.maxLength(rules.maxLength)];
  }
  return undefined;
}
