// Image benchmark: `tsx scripts/bench-images.ts --images 500`. Generates N original JPEGs with sharp and
// N articles whose covers use them, then builds: cold (empty image cache), warm (cache kept), and the
// same articles without covers. Prints cold image time and what images add to a warm build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { buildSite } from '../src/build/build.ts';
import type { ProcessReport } from '../src/images/process.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { images: { type: 'string', default: '500' }, keep: { type: 'boolean', default: false } } });
const count = Number(values.images);

const SITE = `name: 基准新闻网
baseUrl: https://bench.example
timezone: Asia/Shanghai
pageSize: 20
railSize: 4
sections:
  - key: shehui
    name: 社会
  - key: tiyu
    name: 体育
footer:
  title: 版权及免责声明
  text: [本网所有作品版权归基准新闻网所有。]
  contact: desk@bench.example
`;

function svg(index: number): string {
  let state = index * 7919 + 1;
  const next = (): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const shapes = Array.from({ length: 24 }, () => {
    const x = Math.round(next() * 1500);
    const y = Math.round(next() * 900);
    return `<rect x="${x}" y="${y}" width="${Math.round(80 + next() * 400)}" height="${Math.round(60 + next() * 300)}" fill="hsl(${Math.round(next() * 360)},${Math.round(30 + next() * 50)}%,${Math.round(30 + next() * 40)}%)" opacity="0.85"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${index % 360},50%,70%)"/><stop offset="1" stop-color="hsl(${(index * 37) % 360},40%,30%)"/></linearGradient></defs><rect width="1600" height="1000" fill="url(#g)"/>${shapes}</svg>`;
}

function article(index: number, withCover: boolean): string {
  const day = String((index % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(index / 28) % 12) + 1).padStart(2, '0');
  const cover = withCover ? `cover:\n  src: ../images/photo-${index}.jpg\n  alt: 第${index}号示意图\n  caption: （资料图片仅供参考）\n` : '';
  return `---\ntitle: 基准稿件第${index}篇 城市新闻示例\nsource: 基准新闻网\ntimestamp: 2024-${month}-${day} 09:${String(index % 60).padStart(2, '0')}:00\ntags: [标签${index % 40}, 民生]\nauthor: 记者${index % 25}\n${cover}---\n本报讯 这是第${index}篇基准稿件的正文，用来测量图片处理的耗时。\n\n第二段文字，介绍相关情况。\n`;
}

async function corpus(root: string, withCovers: boolean): Promise<string> {
  const dir = path.join(root, withCovers ? 'with-images' : 'without-images');
  await mkdir(path.join(dir, 'shehui'), { recursive: true });
  await writeFile(path.join(dir, 'site.yaml'), SITE);
  for (let index = 0; index < count; index += 1) await writeFile(path.join(dir, 'shehui', `story-${index}.md`), article(index, withCovers));
  return dir;
}

async function timed(contentDir: string, outputDir: string): Promise<[number, ProcessReport]> {
  const started = performance.now();
  const report = await buildSite({ contentDir, outputDir, projectRoot, displayRoot: contentDir });
  return [(performance.now() - started) / 1000, report.images];
}

// The project's own disk (where _site/ and .cache/ live), not /tmp, which can be a slower disk.
await mkdir(path.join(projectRoot, '.cache', 'bench'), { recursive: true });
const root = await mkdtemp(path.join(projectRoot, '.cache', 'bench', 'broadsheet-bench-images-'));
process.env.BROADSHEET_IMAGE_CACHE = path.join(root, 'cache');
const withImages = await corpus(root, true);
const withoutImages = await corpus(root, false);
await mkdir(path.join(withImages, 'images'));
let bytes = 0;
for (let index = 0; index < count; index += 1) {
  const info = await sharp(Buffer.from(svg(index))).jpeg({ quality: 82 }).toFile(path.join(withImages, 'images', `photo-${index}.jpg`));
  bytes += info.size;
}
console.log(`${count} articles, ${count} cover images of 1600×1000 (${(bytes / 1024 / 1024).toFixed(1)} MiB), ${os.availableParallelism()} cores`);

await timed(withoutImages, path.join(root, 'out-plain')); // warm-up: module loading, JIT
const [cold, coldImages] = await timed(withImages, path.join(root, 'out'));
const [warm, warmImages] = await timed(withImages, path.join(root, 'out'));
const [plain] = await timed(withoutImages, path.join(root, 'out-plain'));

const seconds = (ms = 0): string => (ms / 1000).toFixed(1);
console.log(`cold build:  ${cold.toFixed(1)} s; images ${seconds(coldImages?.milliseconds)} s (${coldImages?.encoded} files encoded)`);
console.log(`warm build:  ${warm.toFixed(1)} s; images ${seconds(warmImages?.milliseconds)} s (${warmImages?.encoded} encoded, ${warmImages?.reused} reused)`);
console.log(`no images:   ${plain.toFixed(1)} s`);
console.log(`images add ${(warm - plain).toFixed(1)} s to a warm build (target < 2 s); cold image time target < 60 s`);
if (!values.keep) await rm(root, { recursive: true, force: true });
else console.log(`kept ${root}`);
