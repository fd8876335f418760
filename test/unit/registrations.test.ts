// The registrations a mainland portal shows in its footer: valid numbers pass, and a number in the wrong
// shape is reported with the site.yaml line, the field and an example of the right shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { publicSecurityQueryUrl } from '../../src/content/registrations.ts';
import { parseSite } from '../../src/content/site.ts';

const BASE = ['name: 洪州新闻网', 'baseUrl: https://news.hongzhou.example', 'sections:', '  - key: jiaoyu', '    name: 教育', 'footer:', '  text: 声明。', '  contact: editor@hongzhou.example'].join('\n');

function problemsOf(registrations: string): string[] {
  try {
    parseSite(`${BASE}\n${registrations}\n`, 'content/site.yaml');
  } catch (error) {
    assert.ok(error instanceof ContentError, String(error));
    return error.problems.map(formatProblem);
  }
  assert.fail('expected site.yaml to be rejected');
}

describe('site.yaml registrations', () => {
  it('accepts every registration in the shape it is issued, and none at all', () => {
    const site = parseSite(
      `${BASE}\nregistrations:\n  icp: 赣ICP备12345678号-1\n  publicSecurity: 赣公网安备 36010202000001号\n  newsLicense: "36120230001"\n  report:\n    phone: 0791-12345678\n    email: jubao@hongzhou.example\n`,
      'content/site.yaml',
    );
    assert.deepEqual(site.registrations, {
      icp: '赣ICP备12345678号-1',
      publicSecurity: '赣公网安备 36010202000001号',
      newsLicense: '36120230001',
      report: { phone: '0791-12345678', email: 'jubao@hongzhou.example' },
      publicSecurityUrl: 'https://beian.mps.gov.cn/#/query/webSearch?code=36010202000001',
      icpUrl: 'https://beian.miit.gov.cn/',
      reportUrl: 'https://www.12377.cn/',
    });
    assert.equal(parseSite(`${BASE}\n`, 'content/site.yaml').registrations, undefined);
  });

  it('reports a malformed ICP number at its line with the right shape', () => {
    assert.deepEqual(problemsOf('registrations:\n  icp: 赣ICP12345678'), [
      'content/site.yaml:10 → registrations.icp: is not an ICP filing number. Write it as MIIT issued it, e.g. icp: 赣ICP备12345678号-1 (province, ICP备, the digits, 号, and the site suffix if any).',
    ]);
  });

  it('reports every bad number in one report: 公安备案 digits, licence, phone, e-mail, unknown key', () => {
    const problems = problemsOf(
      'registrations:\n  publicSecurity: 赣公网安备 3601020200号\n  newsLicense: 3612023\n  report:\n    phone: 电话0791\n    email: not-an-address\n  icpNumber: 赣ICP备12345678号',
    );
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0] ?? '', /^content\/site\.yaml:10 → registrations: has "icpNumber", which is not a registration field\./);
    assert.match(problems[1] ?? '', /^content\/site\.yaml:10 → registrations\.publicSecurity: is not a 公安联网备案号\. .*14 digits/);
    assert.match(problems[2] ?? '', /^content\/site\.yaml:11 → registrations\.newsLicense: is not a 互联网新闻信息服务许可证 number/);
    assert.match(problems[3] ?? '', /^content\/site\.yaml:13 → registrations\.report\.phone: is not a phone number/);
    assert.match(problems[4] ?? '', /^content\/site\.yaml:14 → registrations\.report\.email: is not an e-mail address/);
  });

  it('builds the 公安备案 query link from the number', () => {
    assert.equal(publicSecurityQueryUrl('赣公网安备 36010202000001号'), 'https://beian.mps.gov.cn/#/query/webSearch?code=36010202000001');
    assert.equal(publicSecurityQueryUrl('京公网安备11010502025545号'), 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502025545');
    assert.equal(publicSecurityQueryUrl('赣公网安备 123号'), undefined);
  });
});
