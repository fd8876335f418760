// The build step that writes the editing room into the output's /admin/. It runs after the assets are
// hashed (the preview links the hashed stylesheet) and before `_headers`, which gives /admin/ its own
// policy. /admin/ is no article page: feeds, sitemaps and the search index never see it.
import path from 'node:path';
import { writeAdmin } from '../cms/write-admin.ts';
import type { StepContext } from './step-context.ts';

export const ADMIN_FOLDER = 'admin';
const STYLESHEET = '/css/site.css';

export async function writeEditingRoom({ portal, outputDir, assets }: Pick<StepContext, 'portal' | 'outputDir' | 'assets'>): Promise<void> {
  await writeAdmin(path.join(outputDir, ADMIN_FOLDER), {
    site: portal.site,
    tags: portal.popularTags.map((tag) => tag.name),
    stylesheet: assets.get(STYLESHEET) ?? STYLESHEET,
  });
}
