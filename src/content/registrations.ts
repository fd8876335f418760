// The registrations a mainland portal must show in its footer (site.yaml `registrations:`), validated:
// ICP 备案号, 公安联网备案号, 互联网新闻信息服务许可证 and the 违法和不良信息举报 contacts. All optional, so a
// site outside the mainland leaves the block out; a number in the wrong shape is a content problem with
// the site.yaml line (site.ts reports zod issues with file:line).
import { z } from 'zod';

/** The one-character abbreviations of the provinces, regions and municipalities that prefix the numbers. */
export const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';

/** 赣ICP备12345678号 or 赣ICP备12345678号-1 (the suffix numbers the site under one filing). */
export const ICP_PATTERN = new RegExp(`^[${PROVINCES}]ICP备\\d{6,10}号(?:-\\d{1,3})?$`);
/** 赣公网安备 36010202000001号: the province, then the 14-digit filing number. */
export const PUBLIC_SECURITY_PATTERN = new RegExp(`^([${PROVINCES}])公网安备\\s?(\\d{14})号$`);
/** 互联网新闻信息服务许可证编号: 11 digits, e.g. 36120230001. */
export const NEWS_LICENSE_PATTERN = /^\d{11}$/;
/** A mainland phone number as a newsroom prints it: 12377, 0791-12345678, 400-123-4567. */
export const PHONE_PATTERN = /^\d[\d-]{3,18}\d$/;

/** Where the MIIT filing is checked; the footer links the ICP number here. */
export const MIIT_URL = 'https://beian.miit.gov.cn/';
/** The national reporting centre for illegal and harmful information. */
export const REPORT_CENTRE_URL = 'https://www.12377.cn/';

const text = (message: string) => z.string({ error: message }).trim();

const unknownKey = (allowed: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `has ${issue.keys?.map((key) => `"${key}"`).join(', ')}, which is not a registration field. Use only ${allowed}.` : undefined;

export const registrationsSchema = z.strictObject(
  {
    icp: text('must be the ICP filing number as text, e.g. icp: 赣ICP备12345678号-1.').regex(ICP_PATTERN, {
      error: 'is not an ICP filing number. Write it as MIIT issued it, e.g. icp: 赣ICP备12345678号-1 (province, ICP备, the digits, 号, and the site suffix if any).',
    }).optional(),
    publicSecurity: text('must be the 公安联网备案号 as text, e.g. publicSecurity: 赣公网安备 36010202000001号.').regex(PUBLIC_SECURITY_PATTERN, {
      error: 'is not a 公安联网备案号. Write the province, 公网安备, the 14 digits and 号, e.g. publicSecurity: 赣公网安备 36010202000001号.',
    }).optional(),
    newsLicense: z
      .union([z.string().trim(), z.number().int().transform(String)], { error: 'must be the licence number, e.g. newsLicense: "36120230001".' })
      .refine((value) => NEWS_LICENSE_PATTERN.test(value), {
        error: 'is not a 互联网新闻信息服务许可证 number. Give its 11 digits in quotes, e.g. newsLicense: "36120230001".',
      })
      .optional(),
    report: z
      .strictObject(
        {
          phone: z
            .union([z.string().trim(), z.number().int().transform(String)])
            .refine((value) => PHONE_PATTERN.test(value), { error: 'is not a phone number. Write digits and hyphens only, e.g. phone: 0791-12345678.' })
            .optional(),
          email: z.email({ error: 'is not an e-mail address. Write one such as email: jubao@example.cn.' }).optional(),
        },
        {
          error: (issue) =>
            unknownKey('phone and email')(issue) ?? 'must list the reporting phone and/or e-mail, e.g. report: { phone: 0791-12345678, email: jubao@example.cn }.',
        },
      )
      .optional(),
  },
  {
    error: (issue) =>
      unknownKey('icp, publicSecurity, newsLicense and report')(issue) ??
      'must be a block of registration numbers (icp, publicSecurity, newsLicense, report); see README, "Configuring the site".',
  },
).transform((registrations) => {
  // The links the footer prints beside the numbers, decided here so the template only presents them.
  const publicSecurityUrl = registrations.publicSecurity ? publicSecurityQueryUrl(registrations.publicSecurity) : undefined;
  return { ...registrations, ...(publicSecurityUrl ? { publicSecurityUrl } : {}), icpUrl: MIIT_URL, reportUrl: REPORT_CENTRE_URL };
});


/** The query page for a 公安联网备案号: the filing number's digits in the `code` parameter. */
export function publicSecurityQueryUrl(number: string): string | undefined {
  const digits = PUBLIC_SECURITY_PATTERN.exec(number.trim())?.[2];
  return digits ? `https://beian.mps.gov.cn/#/query/webSearch?code=${digits}` : undefined;
}
