// Draws the sample articles' images (original illustrations, not photos) as SVG and saves them as
// JPEG with sharp: `tsx scripts/make-sample-images.ts`. Deterministic: a seeded random walk, no clock.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const W = 1600;
const H = 1000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'content');

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const sky = (top: string, bottom: string): string =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/>`;

function skyline(seed: number, base: number, colour: string, windows: string | undefined): string {
  const next = random(seed);
  let out = '';
  for (let x = -20; x < W; ) {
    const width = 60 + next() * 120;
    const height = 150 + next() * 420;
    out += `<rect x="${x.toFixed(0)}" y="${(base - height).toFixed(0)}" width="${width.toFixed(0)}" height="${height.toFixed(0)}" fill="${colour}"/>`;
    if (windows) {
      for (let wy = base - height + 20; wy < base - 20; wy += 34) {
        for (let wx = x + 12; wx < x + width - 16; wx += 26) if (next() > 0.45) out += `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="12" height="16" fill="${windows}"/>`;
      }
    }
    x += width + 6;
  }
  return out;
}

const SCENES: Record<string, () => string> = {
  'city-skyline': () =>
    sky('#5b8fc7', '#f7d9a8') + `<circle cx="1250" cy="260" r="110" fill="#ffe29a"/>` + skyline(7, 820, '#7a93ad', undefined) + skyline(11, 900, '#33485e', '#ffd77a') +
    `<rect y="900" width="${W}" height="100" fill="#2a3a4a"/><rect y="930" width="${W}" height="8" fill="#6f8aa3"/>`,
  'metro-train': () =>
    sky('#dfe8ef', '#b9c7d3') + `<rect y="640" width="${W}" height="360" fill="#7d8790"/><rect y="700" width="${W}" height="14" fill="#555"/><rect y="760" width="${W}" height="14" fill="#555"/>` +
    `<rect x="120" y="330" width="1360" height="330" rx="60" fill="#f4f6f8" stroke="#9aa5ae" stroke-width="6"/><rect x="120" y="560" width="1360" height="40" fill="#2e8b57"/>` +
    Array.from({ length: 9 }, (_, i) => `<rect x="${200 + i * 140}" y="390" width="100" height="120" rx="14" fill="#3b4f63"/>`).join('') +
    `<rect x="1400" y="380" width="60" height="150" rx="20" fill="#3b4f63"/><circle cx="1440" cy="610" r="16" fill="#ffe08a"/>`,
  'school-books': () =>
    sky('#fff4e0', '#f2d7b6') + `<rect y="720" width="${W}" height="280" fill="#8a5a3c"/>` +
    Array.from({ length: 14 }, (_, i) => {
      const colours = ['#c0392b', '#2e86c1', '#27ae60', '#f39c12', '#8e44ad', '#16a085', '#d35400'];
      const h = 260 + ((i * 53) % 180);
      return `<rect x="${180 + i * 88}" y="${720 - h}" width="74" height="${h}" rx="6" fill="${colours[i % colours.length]}"/><rect x="${192 + i * 88}" y="${760 - h}" width="50" height="10" fill="#fff" opacity="0.7"/>`;
    }).join('') + `<circle cx="1380" cy="220" r="80" fill="#ffd36b"/>`,
  'stadium-track': () =>
    sky('#7fb8e8', '#d7ecfb') + `<ellipse cx="800" cy="900" rx="1000" ry="420" fill="#c45a3b"/><ellipse cx="800" cy="930" rx="820" ry="300" fill="#3f9b4f"/>` +
    Array.from({ length: 6 }, (_, i) => `<ellipse cx="800" cy="900" rx="${1000 - i * 30}" ry="${420 - i * 20}" fill="none" stroke="#f5f5f5" stroke-width="4"/>`).join('') +
    `<path d="M0 420 Q800 250 1600 420 L1600 520 Q800 360 0 520 Z" fill="#56687a"/>` + Array.from({ length: 30 }, (_, i) => `<rect x="${i * 55}" y="${350 - Math.sin(i / 4.7) * 60}" width="8" height="100" fill="#9fb2c4"/>`).join(''),
  'river-dragon-boat': () =>
    sky('#9cc9e8', '#e9f4fb') + `<path d="M0 430 Q400 360 800 420 T1600 400 L1600 520 L0 520 Z" fill="#6f9c6a"/><rect y="500" width="${W}" height="500" fill="#3d7ca6"/>` +
    Array.from({ length: 12 }, (_, i) => `<path d="M${i * 140} ${600 + (i % 3) * 120} q40 -12 80 0" stroke="#cfe6f5" stroke-width="5" fill="none"/>`).join('') +
    [0, 1].map((b) => `<path d="M${220 + b * 380} ${680 + b * 140} L${1120 + b * 300} ${680 + b * 140} L${1060 + b * 300} ${730 + b * 140} L${280 + b * 380} ${730 + b * 140} Z" fill="${b ? '#c0392b' : '#e3a21a'}"/>` +
      Array.from({ length: 10 }, (_, i) => `<circle cx="${320 + b * 380 + i * 76}" cy="${660 + b * 140}" r="16" fill="#2b2b2b"/>`).join('')).join(''),
  'battery-plant': () =>
    sky('#cfe3f0', '#f4f8fb') + `<rect y="760" width="${W}" height="240" fill="#9aa4ab"/>` +
    `<rect x="140" y="460" width="900" height="300" fill="#e8ecef" stroke="#7b8790" stroke-width="6"/><path d="M140 460 l150 -90 l150 90 l150 -90 l150 90 l150 -90 l150 90" fill="#c9d2d8" stroke="#7b8790" stroke-width="6"/>` +
    Array.from({ length: 8 }, (_, i) => `<rect x="${190 + i * 105}" y="560" width="70" height="90" fill="#4f86b8"/>`).join('') +
    `<rect x="1150" y="300" width="70" height="460" fill="#8c969d"/><rect x="1280" y="360" width="70" height="400" fill="#8c969d"/>` +
    Array.from({ length: 6 }, (_, i) => `<rect x="${1120 + (i % 3) * 150}" y="${800 + Math.floor(i / 3) * 80}" width="120" height="56" rx="8" fill="#2e9d6a"/>`).join(''),
  'orange-orchard': () =>
    sky('#bfe3f7', '#f6fbff') + `<path d="M0 520 Q500 420 1000 500 T1600 480 L1600 1000 L0 1000 Z" fill="#7cb342"/>` +
    Array.from({ length: 12 }, (_, i) => {
      const x = 120 + (i % 6) * 260;
      const y = 600 + Math.floor(i / 6) * 220;
      return `<rect x="${x - 10}" y="${y}" width="20" height="90" fill="#6d4c2f"/><circle cx="${x}" cy="${y - 20}" r="95" fill="#2f7d32"/>` +
        Array.from({ length: 7 }, (_, k) => `<circle cx="${x - 60 + ((k * 37) % 120)}" cy="${y - 70 + ((k * 29) % 100)}" r="16" fill="#f59b1b"/>`).join('');
    }).join(''),
  'night-market': () =>
    sky('#1d2340', '#3c2a4d') + skyline(5, 760, '#2a2438', '#f6c26b') + `<rect y="760" width="${W}" height="240" fill="#3b3340"/>` +
    Array.from({ length: 22 }, (_, i) => `<line x1="${i * 76}" y1="${250 + (i % 2) * 20}" x2="${i * 76 + 76}" y2="${250 + ((i + 1) % 2) * 20}" stroke="#444" stroke-width="3"/><ellipse cx="${i * 76 + 38}" cy="${300 + (i % 2) * 20}" rx="24" ry="32" fill="#e53935"/><rect x="${i * 76 + 30}" y="${262 + (i % 2) * 20}" width="16" height="8" fill="#ffca28"/>`).join('') +
    Array.from({ length: 5 }, (_, i) => `<rect x="${80 + i * 310}" y="640" width="240" height="120" fill="#f4e1c1"/><path d="M${60 + i * 310} 640 l140 -60 l140 60 Z" fill="#c62828"/>`).join(''),
  'ancient-tower': () =>
    sky('#f3c9a0', '#fbeede') + `<circle cx="300" cy="260" r="90" fill="#fff1d0"/><rect y="820" width="${W}" height="180" fill="#8d7b68"/>` +
    `<rect x="620" y="700" width="360" height="120" fill="#b03a2e"/>` +
    [0, 1, 2].map((f) => `<rect x="${650 + f * 30}" y="${560 - f * 150}" width="${300 - f * 60}" height="140" fill="#c0392b"/><path d="M${560 + f * 30} ${570 - f * 150} L${800} ${470 - f * 150} L${1040 - f * 30} ${570 - f * 150} Z" fill="#3b3b3b"/>`).join('') +
    `<rect x="520" y="690" width="560" height="22" fill="#3b3b3b"/><rect x="770" y="740" width="60" height="80" fill="#402020"/>`,
  'library-reading': () =>
    sky('#f6efe3', '#e9dcc6') + Array.from({ length: 4 }, (_, r) => `<rect x="100" y="${160 + r * 160}" width="1400" height="14" fill="#7a5230"/>` +
      Array.from({ length: 40 }, (_, i) => `<rect x="${110 + i * 34}" y="${160 + r * 160 - 100 - ((i * 7 + r * 13) % 30)}" width="28" height="${100 + ((i * 7 + r * 13) % 30)}" fill="hsl(${(i * 37 + r * 50) % 360},45%,45%)"/>`).join('')).join('') +
    `<rect x="420" y="800" width="760" height="30" fill="#5d3b1f"/><path d="M640 800 q80 -40 160 0 q80 -40 160 0" fill="#fffaf0" stroke="#888" stroke-width="3"/><circle cx="1180" cy="720" r="40" fill="#ffe9a8"/>`,
  'signal-tower': () =>
    sky('#6aa7d8', '#cfe6f6') + `<path d="M0 760 Q800 640 1600 760 L1600 1000 L0 1000 Z" fill="#5c8f5a"/>` +
    `<path d="M760 760 L800 160 L840 760 Z" fill="none" stroke="#c7ced4" stroke-width="14"/>` + Array.from({ length: 8 }, (_, i) => `<line x1="${770 + i * 1.5}" y1="${700 - i * 70}" x2="${830 - i * 1.5}" y2="${660 - i * 70}" stroke="#c7ced4" stroke-width="6"/>`).join('') +
    `<rect x="760" y="220" width="80" height="40" fill="#e6e9ec"/>` + [1, 2, 3].map((r) => `<path d="M${860 + r * 10} ${240 - r * 60} a${r * 70} ${r * 70} 0 0 1 0 ${r * 120}" stroke="#fff" stroke-width="8" fill="none" opacity="0.8"/>`).join(''),
  'community-street': () =>
    sky('#aed6f1', '#eef7fc') + Array.from({ length: 4 }, (_, i) => `<rect x="${80 + i * 380}" y="${300 + (i % 2) * 60}" width="320" height="${520 - (i % 2) * 60}" fill="${['#e6d3b3', '#d7c4a4', '#e9dcc3', '#d9c9ad'][i]}"/>` +
      Array.from({ length: 12 }, (_, k) => `<rect x="${110 + i * 380 + (k % 3) * 100}" y="${340 + (i % 2) * 60 + Math.floor(k / 3) * 110}" width="60" height="60" fill="#6a8caf"/>`).join('') +
      `<rect x="${330 + i * 380}" y="${300 + (i % 2) * 60}" width="50" height="${520 - (i % 2) * 60}" fill="#b7c4cf"/>`).join('') +
    `<rect y="820" width="${W}" height="180" fill="#9e9e9e"/>` + Array.from({ length: 6 }, (_, i) => `<circle cx="${150 + i * 260}" cy="780" r="60" fill="#4caf50"/>`).join(''),
};

/** Saved beside one article to show that layout; the rest are shared from content/images/. */
const BESIDE: Record<string, string> = { 'metro-train': 'shehui/2024' };

for (const [name, draw] of Object.entries(SCENES)) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${draw()}</svg>`;
  const target = path.join(root, BESIDE[name] ?? 'images', `${name}.jpg`);
  const info = await sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: true }).toFile(target);
  console.log(`${path.relative(root, target)}: ${info.width}×${info.height}, ${Math.round(info.size / 1024)} KB`);
}
