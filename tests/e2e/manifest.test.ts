/**
 * Acceptance (store-ready): the packages `npm run zip` makes, for Chrome and Firefox, and the
 * sources package Mozilla asks for. Checks the built manifests (the exact permission set, no host
 * permissions, no content script, a content security policy without remote sources, the icons, the
 * gecko id and Firefox's data-collection declaration), that no built file loads remote code or
 * carries the test-only bridge, what each zip holds, and Mozilla's own linter on the Firefox build.
 *
 * Built into a temporary folder (tests/e2e/firefox/packages.ts), not `.output/`, so the builds
 * other tests load are never replaced under them.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BRIDGE_DUMP, TEST_BRIDGE_HOST, TEST_BRIDGE_PAGES } from './firefox/bridge/protocol';
import { lintFirefoxBuild, makeStorePackages, pngSize, zipEntries, type StorePackages } from './firefox/packages';
import { PROJECT_ROOT } from './harness/build';

/** Only what the tracker needs (README, Privacy). */
const PERMISSIONS = ['idle', 'storage', 'tabs', 'unlimitedStorage'];
const ICON_SIZES = ['16', '32', '48', '96', '128'];
const GECKO_ID = 'toggle-tax@toggle-tax.dev';

type Manifest = Record<string, unknown> & {
  name?: string;
  description?: string;
  version?: string;
  permissions?: string[];
  icons?: Record<string, string>;
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
  };
};

/** Code that would load or run something from elsewhere; any hit in a built file fails the test. */
const REMOTE_CODE: readonly { what: string; pattern: RegExp }[] = [
  { what: 'import of a remote module', pattern: /\b(?:import\s*\(|from)\s*["'`](?:https?:)?\/\//i },
  { what: 'importScripts of a remote script', pattern: /\bimportScripts\s*\([^)]*["'`](?:https?:)?\/\//i },
  { what: 'fetch of a remote URL', pattern: /\bfetch\s*\(\s*["'`](?:https?:)?\/\//i },
  { what: 'XMLHttpRequest', pattern: /\bXMLHttpRequest\b/ },
  { what: 'WebSocket, EventSource or sendBeacon', pattern: /\b(?:WebSocket|EventSource|sendBeacon)\b/ },
  { what: 'eval or new Function', pattern: /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/ },
  {
    what: 'a remote script, stylesheet or frame in a page',
    pattern: /<(?:script|link|iframe|img)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i,
  },
];

describe('store packages', () => {
  let outDir = '';
  let packages: StorePackages;
  let lint: ReturnType<typeof lintFirefoxBuild>;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'toggle-tax-packages-'));
    let t = performance.now();
    packages = await makeStorePackages(outDir);
    timings.zip = performance.now() - t;
    t = performance.now();
    // Runs while the other checks read files; awaited by its own test.
    lint = lintFirefoxBuild(packages.firefoxDir).finally(() => (timings.lint = performance.now() - t));
    lint.catch(() => undefined);
  });

  afterAll(async () => {
    await lint?.catch(() => undefined);
    if (outDir) await rm(outDir, { recursive: true, force: true });
    console.log(
      `[e2e packages] ${Object.entries(timings)
        .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  });

  const builds = () => [
    { browser: 'chrome', dir: packages.chromeDir, zip: packages.chromeZip },
    { browser: 'firefox', dir: packages.firefoxDir, zip: packages.firefoxZip },
  ];
  const readManifest = async (dir: string) =>
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('makes the Chrome, Firefox and sources zips', async () => {
    for (const zip of [packages.chromeZip, packages.firefoxZip, packages.sourcesZip])
      expect((await stat(zip)).size, zip).toBeGreaterThan(1000);
  });

  it.each(['chrome', 'firefox'])(
    '%s: names itself, asks only for the tracker permissions, reads no page',
    async (name) => {
      const { dir } = builds().find((b) => b.browser === name)!;
      const manifest = await readManifest(dir);
      const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

      expect(manifest.name).toBe('Toggle Tax');
      expect(manifest.description?.length).toBeGreaterThan(20);
      expect(manifest.description!.length).toBeLessThanOrEqual(132); // Chrome Web Store's limit
      expect(manifest.version).toBe(pkg.version);

      expect([...(manifest.permissions ?? [])].sort()).toEqual(PERMISSIONS);
      for (const key of ['host_permissions', 'optional_host_permissions', 'optional_permissions', 'content_scripts'])
        expect(manifest, key).not.toHaveProperty(key);
      // No match pattern anywhere: not <all_urls>, not *://*/*, not a host.
      const text = JSON.stringify(manifest);
      expect(text).not.toContain('<all_urls>');
      expect(text).not.toMatch(/(?:\*|https?|wss?|file|ftp):\/\//);
    },
  );

  it.each(['chrome', 'firefox'])('%s: a content security policy without remote sources', async (name) => {
    const { dir } = builds().find((b) => b.browser === name)!;
    const csp = (await readManifest(dir)).content_security_policy;
    const policies = typeof csp === 'string' ? [csp] : Object.values(csp ?? {});
    // None at all is fine: the browsers' defaults allow only the extension's own scripts.
    for (const policy of policies) {
      expect(policy).not.toMatch(/https?:|wss?:|(?:^|\s)\*(?:\s|;|$)|data:|blob:/);
      expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'|'wasm-unsafe-eval'/);
    }
  });

  it.each(['chrome', 'firefox'])('%s: icons from 16 to 128 px', async (name) => {
    const { dir } = builds().find((b) => b.browser === name)!;
    const icons = (await readManifest(dir)).icons ?? {};
    expect(Object.keys(icons).sort((a, b) => Number(a) - Number(b))).toEqual(ICON_SIZES);
    for (const [size, file] of Object.entries(icons))
      expect(await pngSize(join(dir, file)), file).toEqual({ width: Number(size), height: Number(size) });
  });

  it('chrome: a service worker, no background page', async () => {
    const manifest = await readManifest(packages.chromeDir);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
  });

  it("firefox: the gecko id and Mozilla's data-collection declaration", async () => {
    const manifest = await readManifest(packages.firefoxDir);
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toBe(GECKO_ID);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    // Firefox reads that declaration from 140 on; older ones (115–127) refuse the key.
    expect(Number.parseFloat(gecko?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(140);
    // Only the production background: the test bridge's second script is not there.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });

  it.each(['chrome', 'firefox'])('%s: no remote code and no test bridge in any built file', async (name) => {
    const { dir } = builds().find((b) => b.browser === name)!;
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    const code = files.filter((file) => /\.(?:m?js|html)$/.test(file));
    expect(code.length).toBeGreaterThan(3);
    const hits: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const where = file.slice(dir.length + 1);
      if (
        /test-bridge/.test(where) ||
        [TEST_BRIDGE_DUMP, TEST_BRIDGE_PAGES, TEST_BRIDGE_HOST].some((marker) => text.includes(marker))
      )
        hits.push(`${where}: the test-only bridge`);
      if (!code.includes(file)) continue;
      for (const { what, pattern } of REMOTE_CODE) {
        const match = pattern.exec(text);
        if (match) hits.push(`${where}: ${what}: …${text.slice(Math.max(0, match.index - 60), match.index + 80)}…`);
      }
    }
    expect(hits).toEqual([]);
  });

  it.each(['chrome', 'firefox'])('%s: the zip holds exactly the build', async (name) => {
    const { dir, zip } = builds().find((b) => b.browser === name)!;
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
    const entries = (await zipEntries(zip)).filter((entry) => !entry.endsWith('/'));
    expect(entries.sort()).toEqual(files.sort());
    expect(entries).toContain('manifest.json');
  });

  it('sources: what a reviewer needs to rebuild the Firefox package, and nothing built', async () => {
    const entries = await zipEntries(packages.sourcesZip);
    for (const needed of [
      'package.json',
      'package-lock.json',
      'README.md',
      'wxt.config.ts',
      'tsconfig.json',
      'entrypoints/background/index.ts',
      'public/icon/128.png',
    ])
      expect(entries, needed).toContain(needed);
    const unwanted = entries.filter((e) =>
      /^(?:\.output|\.wxt|node_modules|bench-output|demo-output|tests\/output)\/|^\.env|\.zip$/.test(e),
    );
    expect(unwanted).toEqual([]);
  });

  it("firefox: Mozilla's add-on linter finds no error", async () => {
    const report = await lint;
    const list = (items: LintItems) => items.map((i) => `${i.code} ${i.file ?? ''}: ${i.message}`).join('\n');
    expect(report.summary.errors, list(report.errors)).toBe(0);
    // Preact's dangerouslySetInnerHTML support is the one warning AMO accepts, in the chunk that
    // holds Preact; anything else (an innerHTML of our own included) is worth a look.
    const isPreact = (file: string | undefined) =>
      file !== undefined && readFileSync(join(packages.firefoxDir, file), 'utf8').includes('dangerouslySetInnerHTML');
    const warnings = report.warnings.filter((w) => !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && isPreact(w.file)));
    expect(warnings, list(warnings)).toEqual([]);
  });
});

type LintItems = Awaited<ReturnType<typeof lintFirefoxBuild>>['errors'];
