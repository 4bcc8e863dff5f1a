/**
 * Turns a copy of the production Firefox build into the test build: bundles the bridge's two
 * scripts into it with Vite and lists them in its manifest. The production build itself, and
 * wxt.config.ts, know nothing of the bridge.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { PROJECT_ROOT } from '../../harness/build';
import { TEST_BRIDGE_ANSWER_FILE, TEST_BRIDGE_CONTENT_FILE, TEST_BRIDGE_HOST } from './protocol';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Adds the bridge to the unpacked Firefox MV2 build in `dir` (a copy: it is changed in place). */
export async function addBridge(dir: string): Promise<void> {
  // One file each, no shared chunks: a content script and a background script load no modules.
  await bundle(join(HERE, 'content.ts'), dir, TEST_BRIDGE_CONTENT_FILE);
  await bundle(join(HERE, 'answer.ts'), dir, TEST_BRIDGE_ANSWER_FILE);

  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as {
    background?: { scripts?: string[] };
    content_scripts?: unknown[];
  };
  const scripts = manifest.background?.scripts;
  if (!scripts) throw new Error(`${path} has no background page scripts: not a Firefox MV2 build`);
  // After the production background, in the same page: its IndexedDB and its BroadcastChannel.
  scripts.push(TEST_BRIDGE_ANSWER_FILE);
  manifest.content_scripts = [
    ...(manifest.content_scripts ?? []),
    { matches: [`https://${TEST_BRIDGE_HOST}/*`], run_at: 'document_idle', js: [TEST_BRIDGE_CONTENT_FILE] },
  ];
  await writeFile(path, JSON.stringify(manifest));
}

async function bundle(entry: string, outDir: string, fileName: string): Promise<void> {
  await build({
    configFile: false,
    envDir: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    // Nothing from public/: the build already holds it.
    publicDir: false,
    resolve: { alias: { '@': PROJECT_ROOT } },
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'toggleTaxTestBridge', fileName: () => fileName },
    },
  });
}
