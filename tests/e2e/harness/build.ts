/**
 * Makes sure `.output/chrome-mv3` holds a build of the current sources: `wxt build` runs when the
 * manifest is missing or older than any source file, at most once per process, and never twice at
 * the same time on this machine (a lock directory guards it across processes).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/e2e/harness/build.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * The unpacked Chrome MV3 build that the browser loads. $E2E_EXTENSION_DIR points elsewhere (a
 * build made by CI, a release candidate); that one is used as it is, never rebuilt.
 */
export const EXTENSION_DIR = process.env.E2E_EXTENSION_DIR
  ? resolve(process.env.E2E_EXTENSION_DIR)
  : join(PROJECT_ROOT, '.output/chrome-mv3');
/** What goes into the build: a change to any file under these makes the build stale. */
export const BUILD_INPUTS = ['entrypoints', 'utils', 'components', 'public', 'assets', 'wxt.config.ts'];

export interface BuildResult {
  /** True when this call ran `wxt build`; false when the build was already fresh. */
  built: boolean;
  /** Why it was built (the first stale input found). */
  reason?: string;
  ms: number;
}

let once: Promise<BuildResult> | null = null;

/** Builds the extension if it is stale. Later calls in the same process return the first result. */
export function ensureFreshBuild(): Promise<BuildResult> {
  once ??= buildIfStale().catch((error: unknown) => {
    once = null;
    throw error;
  });
  return once;
}

/** Why the build is stale, or null when it is fresh. */
export async function staleReason(): Promise<string | null> {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const built = await stat(manifest).then(
    (s) => s.mtimeMs,
    () => null,
  );
  if (built === null) return `${manifest} is missing`;
  for (const input of BUILD_INPUTS) {
    const newer = await findNewer(join(PROJECT_ROOT, input), built);
    if (newer) return `${newer} is newer than the build`;
  }
  return null;
}

async function buildIfStale(): Promise<BuildResult> {
  const start = performance.now();
  if (process.env.E2E_EXTENSION_DIR) {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No manifest.json in ${EXTENSION_DIR}`);
    return { built: false, ms: 0 };
  }
  if ((await staleReason()) === null) return { built: false, ms: performance.now() - start };
  const release = await lock(join(tmpdir(), `toggle-tax-e2e-build-${hash(PROJECT_ROOT)}.lock`));
  try {
    // Another process may have built while this one waited for the lock.
    const reason = await staleReason();
    if (reason === null) return { built: false, ms: performance.now() - start };
    await wxtBuild();
    return { built: true, reason, ms: performance.now() - start };
  } finally {
    await release();
  }
}

async function findNewer(path: string, than: number): Promise<string | null> {
  const s = await stat(path).catch(() => null);
  if (!s) return null;
  if (!s.isDirectory()) return s.mtimeMs > than ? path : null;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const newer = await findNewer(join(path, entry.name), than);
    if (newer) return newer;
  }
  // A deleted file shows only as a newer directory.
  return s.mtimeMs > than ? path : null;
}

function wxtBuild(): Promise<void> {
  const cli = join(PROJECT_ROOT, 'node_modules/wxt/bin/wxt.mjs');
  if (!existsSync(cli)) throw new Error(`wxt is not installed (${cli}); run npm install`);
  return new Promise((resolvePromise, reject) => {
    // This Node, not whatever `node` is first on PATH: WXT needs Node 22.
    const child = spawn(process.execPath, [cli, 'build'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`wxt build failed (exit ${code}):\n${output}`)),
    );
  });
}

/** A cross-process lock: a directory that only one process can create. Stale after 5 minutes. */
async function lock(path: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await mkdir(path);
      return () => rm(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 5 * 60_000) await rm(path, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${path}`, { cause: error });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function hash(text: string): string {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}
