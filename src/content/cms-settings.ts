// The `cms:` block of site.yaml: where the editing room (/admin/) saves articles. Validated like the
// rest of site.yaml; every key has a default so a site without the block still gets a working
// /admin/ for `npm run cms` on a laptop (the local backend).
import { z } from 'zod';

export const CMS_BACKENDS = ['github', 'gitea', 'gitlab'] as const;

const httpsUrl = (key: string, example: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be a full address, e.g. ${key}: ${example}` })
    .transform((url) => url.replace(/\/+$/, ''));

export const cmsSettingsSchema = z
  .object({
    /** github, gitea (self-hosted Gitea or Forgejo) or gitlab (gitlab.com or self-hosted). */
    backend: z.enum(CMS_BACKENDS, { error: `must be one of: ${CMS_BACKENDS.join(', ')}. Write e.g. backend: gitea` }).default('github'),
    /** owner/name of the repository holding content/. */
    repo: z
      .string({ error: 'must be the repository as owner/name, e.g. repo: newsroom/portal' })
      .regex(/^[\w.-]+(?:\/[\w.-]+)+$/, { error: 'must be the repository as owner/name, e.g. repo: newsroom/portal' })
      .optional(),
    branch: z.string().trim().min(1).default('main'),
    /** The content folder's path inside the repository. */
    contentPath: z
      .string()
      .regex(/^[\w.-]+(?:\/[\w.-]+)*$/, { error: 'must be a folder inside the repository without a leading "/", e.g. contentPath: content' })
      .default('content'),
    /** API address of a self-hosted Gitea (https://git.example.cn/api/v1) or GitLab (https://git.example.cn/api/v4). */
    apiRoot: httpsUrl('apiRoot', 'https://git.example.cn/api/v1').optional(),
    /** The server that completes the OAuth login (GitHub: an OAuth proxy; Gitea/GitLab: the forge itself). */
    baseUrl: httpsUrl('baseUrl', 'https://git.example.cn').optional(),
    /** OAuth path on baseUrl, e.g. login/oauth/authorize (Gitea) or oauth/authorize (GitLab). */
    authEndpoint: z.string().trim().min(1).optional(),
    /** The OAuth application's client ID (Gitea and GitLab, PKCE login without a secret). */
    appId: z.string().trim().min(1).optional(),
    /** Port of the local backend (`npm run cms`). */
    localPort: z.number({ error: 'must be a port number, e.g. localPort: 8081' }).int().min(1024).max(65535).default(8081),
  })
  .superRefine((settings, context) => {
    if (settings.backend !== 'github' && !settings.apiRoot && settings.backend === 'gitea') {
      context.addIssue({ code: 'custom', path: ['apiRoot'], message: 'is needed for gitea: the API address of your Gitea, e.g. apiRoot: https://git.example.cn/api/v1' });
    }
    if (settings.backend !== 'github' && settings.repo && !settings.appId) {
      context.addIssue({ code: 'custom', path: ['appId'], message: `is needed for ${settings.backend}: the client ID of the OAuth application (see README, "The editing room").` });
    }
  });

export type CmsSettings = z.infer<typeof cmsSettingsSchema>;

/** The settings a site without a `cms:` block gets. */
export function defaultCmsSettings(): CmsSettings {
  return cmsSettingsSchema.parse({});
}
