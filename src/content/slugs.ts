// ASCII URL parts for Chinese names (tags, authors) and slug suggestions, via pinyin.
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

/** 城市交通 → cheng-shi-jiao-tong; 5G → 5g; falls back to a short hash when nothing readable remains. */
export function suggestSlug(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = syllables
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || shortHash(name);
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 6);
}

/**
 * Gives every name a unique slug. Names whose pinyin collides (同音: 王芳 and 汪芳 are both wang-fang)
 * are told apart by a hash of the name: the name seen FIRST keeps the plain slug and later ones get a
 * suffix of their own. The loader hands articles oldest first, so the first author or tag to be
 * published keeps its address and a newer namesake never takes it over (ARCHITECTURE decision 11).
 */
export function assignSlugs(names: Iterable<string>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const slug = suggestSlug(name);
    groups.set(slug, [...(groups.get(slug) ?? []), name]);
  }
  const slugs = new Map<string, string>();
  for (const [slug, members] of groups) {
    members.forEach((name, index) => slugs.set(name, index === 0 ? slug : `${slug}-${shortHash(name)}`));
  }
  return slugs;
}
