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
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../harness/build';
import puppeteer, { type Browser } from 'puppeteer-core';

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
 * Builds the Firefox test build (TOGGLE_TAX_TEST_BRIDGE=1: with the test bridge) under `outDir`, a
 * folder of this run's own: two test runs at once must not build over each other's extension,
 * and `.output/` keeps only real builds. Returns the unpacked extension's folder.
 */
export function buildFirefoxTestExtension(outDir: string): Promise<string> {
  if (!existsSync(join(PROJECT_ROOT, 'node_modules/wxt'))) throw new Error('wxt is not installed; run npm install');
  const script = `import { build } from 'wxt';
    await build({ browser: 'firefox', outDir: ${JSON.stringify(outDir)} });`;
  return new Promise((resolvePromise, reject) => {
    // This Node, not whatever `node` is first on PATH: WXT needs Node 22.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TOGGLE_TAX_TEST_BRIDGE: '1',
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      // wxt.config.ts names a test build's folder; its manifest proves the build finished.
      const dir = join(outDir, 'firefox-mv2-test');
      if (code === 0 && existsSync(join(dir, 'manifest.json'))) resolvePromise(dir);
      else reject(new Error(`The Firefox test build (TOGGLE_TAX_TEST_BRIDGE=1) failed (exit ${code}):\n${output}`));
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

/** Headless firefox-esr over WebDriver BiDi, every HTTP(S) request through the proxy. */
export function launchFirefox(proxyPort: number): Promise<Browser> {
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
    },
  });
}
