/**
 * Renders the extension's icons (public/icon/<size>.png, which WXT lists in the manifest's `icons`;
 * Chrome and Firefox use those for the toolbar button too) from the SVG below, in Debian's Chromium.
 *
 *   npx tsx tests/make-icons.ts
 *
 * The PNGs are committed; run this only after changing the drawing. Two app windows, the one in
 * front holding a clock: switching between apps costs time. Below 32 px the front window is larger
 * and the clock's strokes heavier, so the motif survives at toolbar size.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/icon');
const SIZES = [16, 32, 48, 96, 128] as const;

const BLUE = '#1d4ed8';
const LIGHT = '#93c5fd';

/** The icon on a 128-unit grid; `small` enlarges the front window and thickens the clock for 16–24 px. */
function iconSvg(small: boolean): string {
  const front = small ? { at: 38, size: 82, r: 16 } : { at: 44, size: 72, r: 16 };
  const c = front.at + front.size / 2;
  const clock = small ? { r: 25, stroke: 11, hand: 14 } : { r: 22, stroke: 7, hand: 14 };
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  <rect x="0" y="0" width="128" height="128" rx="28" fill="${BLUE}"/>
  <rect x="12" y="12" width="${small ? 58 : 62}" height="${small ? 58 : 62}" rx="14" fill="${LIGHT}"/>
  <rect x="${front.at}" y="${front.at}" width="${front.size}" height="${front.size}" rx="${front.r}" fill="#ffffff"
        stroke="${BLUE}" stroke-width="8"/>
  <circle cx="${c}" cy="${c}" r="${clock.r}" fill="none" stroke="${BLUE}" stroke-width="${clock.stroke}"/>
  <path d="M${c} ${c - clock.hand} V${c} H${c + clock.hand - 2}" fill="none" stroke="${BLUE}"
        stroke-width="${clock.stroke}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const svg = iconSvg(size < 32).replace('width="128" height="128"', `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`,
      );
      const file = join(OUT_DIR, `${size}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`wrote ${file}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
