/**
 * What tests/e2e/firefox.test.ts needs around Debian's firefox-esr: the test build of the
 * extension, a route from the real app hostnames to the local stand-in server, and the browser.
 *
 * Firefox has no `--host-resolver-rules`. Instead of `network.dns.localDomains` (which sends a host
 * to 127.0.0.1 on port 443, so the server would have to own port 443 and the test would need root),
 * Firefox is given an HTTP proxy: for each HTTPS page it asks `CONNECT app.slack.com:443`, and the
 * proxy opens a plain TCP tunnel to the stand-in server on its random port. TLS goes end to end
 * through the tunnel, so Firefox sees the real hostname and the server's self-signed certificate
 * (accepted with `acceptInsecureCerts`). Hosts not listed are refused (Firefox's own calls home, such as
 * its remote settings): nothing reaches the network.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { PROJECT_ROOT } from '../harness/build';
import { addBridge } from './bridge/assemble';

/** $FIREFOX_PATH, else Debian's firefox-esr, else a plain `firefox`. */
export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found)
    throw new Error(
      'Firefox not found: the Firefox end-to-end test needs Debian\'s firefox-esr ("apt-get install -y firefox-esr"; ' +
        '.ci/run installs it) or $FIREFOX_PATH pointing at a Firefox binary.',
    );
  return found;
}

/**
 * Builds the Firefox test build under `outDir`, a folder of this run's own: two test runs at once
 * must not build over each other's extension, and `.output/` keeps only real builds. That is the
 * production build (`npm run build:firefox`, into `outDir/firefox-mv2`), copied to
 * `outDir/firefox-mv2-test` and given the test bridge there (bridge/assemble.ts). Returns the copy.
 */
export async function buildFirefoxTestExtension(outDir: string): Promise<string> {
  const production = await buildFirefox(outDir);
  const dir = join(outDir, 'firefox-mv2-test');
  await cp(production, dir, { recursive: true });
  await addBridge(dir);
  return dir;
}

/** WXT's Firefox build, as `npm run build:firefox` makes it, into `outDir`. Returns its folder. */
function buildFirefox(outDir: string): Promise<string> {
  if (!existsSync(join(PROJECT_ROOT, 'node_modules/wxt'))) throw new Error('wxt is not installed; run npm install');
  const script = `import { build } from 'wxt';
    await build({ browser: 'firefox', outDir: ${JSON.stringify(outDir)} });`;
  return new Promise((resolvePromise, reject) => {
    // This Node, not whatever `node` is first on PATH: WXT needs Node 22.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      // Its manifest proves the build finished.
      const dir = join(outDir, 'firefox-mv2');
      if (code === 0 && existsSync(join(dir, 'manifest.json'))) resolvePromise(dir);
      else reject(new Error(`The Firefox build failed (exit ${code}):\n${output}`));
    });
  });
}

export interface TunnelProxy {
  port: number;
  close(): Promise<void>;
}

/** An HTTP proxy that tunnels `CONNECT <host>:443` for the given hosts to 127.0.0.1:targetPort. */
export async function startTunnelProxy(hosts: readonly string[], targetPort: number): Promise<TunnelProxy> {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  const sockets = new Set<Socket>();
  // Plain-HTTP requests through the proxy: nothing in the test uses them.
  const server = createServer((_req, res) => res.writeHead(403).end());
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    if (!allowed.has(host.toLowerCase()) || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise());
  });
  let closed: Promise<void> | null = null;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      closed ??= new Promise<void>((resolvePromise) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolvePromise());
      });
      return closed;
    },
  };
}

/**
 * Headless firefox-esr over WebDriver BiDi, every HTTP(S) request through the proxy; downloads are
 * saved into `downloadDir` without asking, when given.
 */
export function launchFirefox(proxyPort: number, downloadDir?: string): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: !process.env.HEADED,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      // No DNS lookups of the real hostnames on this machine: the proxy resolves (to the stand-in).
      'network.proxy.socks_remote_dns': true,
      'network.trr.mode': 5,
      ...(downloadDir && {
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/json',
      }),
    },
  });
}
