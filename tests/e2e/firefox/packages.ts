/**
 * The store packages, made the way `npm run zip` makes them (WXT's `zip` for Chrome, then for
 * Firefox, which adds the sources package Mozilla reviews), but into a temporary folder so that
 * the builds other tests load in `.output/` are never replaced under them. Also: reading a zip's
 * file list and a PNG's size without extra dependencies, and Mozilla's linter (via web-ext).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../harness/build';

export interface StorePackages {
  /** The unpacked builds that went into the zips. */
  chromeDir: string;
  firefoxDir: string;
  chromeZip: string;
  firefoxZip: string;
  sourcesZip: string;
}

/** Runs WXT's `zip` for Chrome and Firefox with `outDir` set; what `npm run zip` does, elsewhere. */
export async function makeStorePackages(outDir: string): Promise<StorePackages> {
  const script = `
    import { zip } from 'wxt';
    const outDir = ${JSON.stringify(outDir)};
    const chrome = await zip({ outDir });
    const firefox = await zip({ outDir, browser: 'firefox' });
    console.log('ZIPS ' + JSON.stringify([...chrome, ...firefox]));`;
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  const { stdout, all } = await run(process.execPath, ['--input-type=module', '-e', script], env);
  // WXT's spinner shares the line, so look for the list, not for a line.
  const list = /ZIPS (\[[^\n]*\])/.exec(stdout)?.[1];
  if (!list) throw new Error(`wxt zip printed no zip list:\n${all}`);
  const zips = JSON.parse(list) as string[];
  const find = (suffix: string) => {
    const hit = zips.find((z) => z.endsWith(suffix));
    if (!hit) throw new Error(`No *${suffix} among ${zips.join(', ')}`);
    return hit;
  };
  return {
    chromeDir: join(outDir, 'chrome-mv3'),
    firefoxDir: join(outDir, 'firefox-mv2'),
    chromeZip: find('-chrome.zip'),
    firefoxZip: find('-firefox.zip'),
    sourcesZip: find('-sources.zip'),
  };
}

export interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

/** Mozilla's add-on linter (addons-linter, through web-ext lint) on an unpacked Firefox build. */
export async function lintFirefoxBuild(dir: string): Promise<LintReport> {
  const cli = join(PROJECT_ROOT, 'node_modules/web-ext/bin/web-ext.js');
  if (!existsSync(cli)) throw new Error(`web-ext is not installed (${cli}); run npm install`);
  // Exits non-zero when there are errors; the JSON says which.
  const { stdout, all } = await run(
    process.execPath,
    [cli, 'lint', '--source-dir', dir, '--output', 'json', '--no-input'],
    process.env,
    true,
  );
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as LintReport;
  } catch {
    throw new Error(`web-ext lint printed no JSON report:\n${all}`);
  }
}

/** The names of the files in a zip, from its central directory. */
export async function zipEntries(path: string): Promise<string[]> {
  const zip = await readFile(path);
  // The end-of-central-directory record: signature, then (at +10) entries, (+12) size, (+16) offset.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error(`${path} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${n}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Width and height of a PNG, from its IHDR chunk; null when the file is not a PNG. */
export async function pngSize(path: string): Promise<{ width: number; height: number } | null> {
  const png = await readFile(path);
  const signature = '89504e470d0a1a0a';
  if (png.length < 24 || png.toString('hex', 0, 8) !== signature || png.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Runs a command in the project; `all` is stdout and stderr interleaved, for error messages. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  allowFailure = false,
): Promise<{ stdout: string; all: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let all = '';
    child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), (all += d.toString())));
    child.stderr.on('data', (d: Buffer) => (all += d.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 || allowFailure
        ? resolvePromise({ stdout, all })
        : reject(new Error(`${[command, ...args].join(' ')} failed (exit ${code}):\n${all}`)),
    );
  });
}
