/**
 * One local HTTPS server that stands in for every SaaS app of a test, a benchmark or a demo.
 *
 * Chromium reaches it through `--host-resolver-rules` (see `hostResolverRules`), so the browser
 * loads the real addresses (https://app.slack.com/client/T1/C1) and the extension sees the real
 * URLs. The certificate is made at start-up and is self-signed: launch the browser with
 * `--ignore-certificate-errors`.
 *
 * Every path answers with a page that looks enough like the app (title, coloured header with the
 * app's name, the path) to recognise it in a screenshot. Three routes move the tab elsewhere:
 * - `/__spa?to=/path`: loads, then `history.pushState` to `/path` (a single-page-app navigation);
 * - `/__redirect?to=URL`: a 302 to URL (a server-side SSO hop);
 * - `/__jsredirect?to=URL`: a page that `location.replace`s to URL after ~200 ms (a client-side hop).
 * And `/search?q=…&r=URL&r=URL…` (on any host, e.g. www.google.com) is a results page that links to
 * each `r`, for a test that searches and then follows a result like a person would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface SaasServer {
  /** The port on 127.0.0.1 that every mapped hostname resolves to. */
  port: number;
  /** Stops the server and drops open (keep-alive) connections. Safe to call twice. */
  close(): Promise<void>;
}

/** How a stand-in page looks: the app's display name and the colour of its header. */
export interface AppLook {
  name: string;
  color: string;
}

/** Host (and, on shared hosts, path prefix) → look. The first match wins; unknown hosts get a derived look. */
const LOOKS: readonly { host: string; path?: string; look: AppLook }[] = [
  { host: 'slack.com', look: { name: 'Slack', color: '#4a154b' } },
  { host: 'dropbox.com', look: { name: 'Dropbox', color: '#0061fe' } },
  { host: 'paychex.com', look: { name: 'Paychex', color: '#004b8d' } },
  { host: 'docs.google.com', path: '/spreadsheets', look: { name: 'Google Sheets', color: '#0f9d58' } },
  { host: 'docs.google.com', path: '/presentation', look: { name: 'Google Slides', color: '#f4b400' } },
  { host: 'docs.google.com', path: '/forms', look: { name: 'Google Forms', color: '#673ab7' } },
  { host: 'docs.google.com', look: { name: 'Google Docs', color: '#4285f4' } },
  { host: 'drive.google.com', look: { name: 'Google Drive', color: '#1fa463' } },
  { host: 'mail.google.com', look: { name: 'Gmail', color: '#d93025' } },
  { host: 'calendar.google.com', look: { name: 'Google Calendar', color: '#1a73e8' } },
  { host: 'www.google.com', look: { name: 'Google Search', color: '#5f6368' } },
  { host: 'notion.so', look: { name: 'Notion', color: '#191919' } },
  { host: 'atlassian.net', look: { name: 'Jira', color: '#0052cc' } },
  { host: 'github.com', look: { name: 'GitHub', color: '#24292f' } },
  { host: 'figma.com', look: { name: 'Figma', color: '#a259ff' } },
  { host: 'salesforce.com', look: { name: 'Salesforce', color: '#00a1e0' } },
  { host: 'hubspot.com', look: { name: 'HubSpot', color: '#ff7a59' } },
  { host: 'zendesk.com', look: { name: 'Zendesk', color: '#03363d' } },
  { host: 'asana.com', look: { name: 'Asana', color: '#f06a6a' } },
  { host: 'linear.app', look: { name: 'Linear', color: '#5e6ad2' } },
  { host: 'zoom.us', look: { name: 'Zoom', color: '#0b5cff' } },
  { host: 'outlook.office.com', look: { name: 'Outlook', color: '#0078d4' } },
  { host: 'teams.microsoft.com', look: { name: 'Microsoft Teams', color: '#6264a7' } },
  { host: 'login.microsoftonline.com', look: { name: 'Microsoft sign-in', color: '#2f2f2f' } },
  { host: 'okta.com', look: { name: 'Okta sign-in', color: '#00297a' } },
  { host: 'quickbooks.intuit.com', look: { name: 'QuickBooks', color: '#2ca01c' } },
  { host: 'docusign.net', look: { name: 'DocuSign', color: '#ffcc22' } },
];

/** The look of a page: from the table above, else a name derived from the hostname. */
export function lookOf(host: string, path = '/'): AppLook {
  const h = host.toLowerCase().replace(/:\d+$/, '').replace(/\.+$/, '');
  const p = path.toLowerCase();
  const hit = LOOKS.find(
    (l) => (h === l.host || h.endsWith('.' + l.host)) && (!l.path || p === l.path || p.startsWith(l.path + '/')),
  );
  if (hit) return hit.look;
  // `app.acme.io` → "Acme": the label before the last one reads best as a name.
  const labels = h.split('.').filter(Boolean);
  const label = labels.length >= 2 ? labels[labels.length - 2]! : (labels[0] ?? 'localhost');
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  let hash = 0;
  for (const c of h) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return { name, color: `hsl(${hash % 360} 55% 35%)` };
}

export async function startSaasServer(): Promise<SaasServer> {
  const { key, cert } = await makeCertificate();
  const server = createServer({ key, cert }, (req, res) => {
    try {
      answer(req, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/**
 * The value of Chromium's `--host-resolver-rules` that sends every given hostname to the server:
 * `MAP app.slack.com 127.0.0.1:PORT, MAP www.dropbox.com 127.0.0.1:PORT, EXCLUDE localhost`.
 * Hostnames may be patterns Chromium understands (`*.slack.com`).
 */
export function hostResolverRules(hosts: readonly string[], port: number): string {
  for (const host of hosts)
    if (!/^[a-z0-9*.-]+$/i.test(host)) throw new Error(`Not a hostname (pattern) for --host-resolver-rules: ${host}`);
  return [...new Set(hosts)]
    .map((host) => `MAP ${host} 127.0.0.1:${port}`)
    .concat('EXCLUDE localhost')
    .join(', ');
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
  const url = new URL(req.url ?? '/', `https://${host}`);
  // No caching anywhere: a test that comes back to a page must see a real load.
  const headers = { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' };
  const to = url.searchParams.get('to');

  switch (url.pathname) {
    case '/favicon.ico':
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
      return;
    case '/__redirect':
      if (!to || !isAbsoluteHttpUrl(to)) return badRequest(res, '/__redirect needs ?to=<absolute http(s) URL>');
      res.writeHead(302, { ...headers, location: to }).end();
      return;
    case '/__jsredirect':
      if (!to || !isAbsoluteHttpUrl(to)) return badRequest(res, '/__jsredirect needs ?to=<absolute http(s) URL>');
      res.writeHead(200, headers).end(
        page(host, url.pathname, {
          note: `Signing you in… (continuing to ${to})`,
          script: `setTimeout(() => location.replace(${scriptString(to)}), 200);`,
        }),
      );
      return;
    case '/__spa':
      if (!to || !to.startsWith('/') || to.startsWith('//')) return badRequest(res, '/__spa needs ?to=/path');
      res.writeHead(200, headers).end(
        page(host, to, {
          note: `Single-page app: routed here from /__spa`,
          // After load, like a router that takes over once the shell is up.
          script:
            `addEventListener('load', () => setTimeout(() => {` +
            ` history.pushState({}, '', ${scriptString(to)});` +
            ` document.querySelector('#path').textContent = location.pathname + location.search; }, 0));`,
        }),
      );
      return;
    case '/search': {
      const results = url.searchParams.getAll('r');
      if (!results.length) break;
      if (!results.every(isAbsoluteHttpUrl))
        return badRequest(res, '/search needs every ?r= to be an absolute http(s) URL');
      res.writeHead(200, headers).end(
        page(host, url.pathname + url.search, {
          note: `Results for “${url.searchParams.get('q') ?? ''}”`,
          links: results,
        }),
      );
      return;
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : page(host, url.pathname + url.search));
}

function page(host: string, path: string, extra: { note?: string; script?: string; links?: string[] } = {}): string {
  const { name, color } = lookOf(host, path);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(name)}</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d1c1d; background: #f8f8f8; }
  header { background: ${html(color)}; color: #fff; padding: 18px 28px; font-size: 28px; font-weight: 700; }
  main { padding: 24px 28px; }
  code { background: #e8e8e8; padding: 2px 6px; border-radius: 4px; }
</style></head>
<body><header>${html(name)}</header>
<main><p>Stand-in for <code>${html(host)}</code> at <code id="path">${html(path)}</code></p>
${extra.note ? `<p id="note">${html(extra.note)}</p>` : ''}
${extra.links?.length ? `<ol id="results">${extra.links.map((l) => `<li><a href="${html(l)}">${html(l)}</a></li>`).join('')}</ol>` : ''}</main>
${extra.script ? `<script>${extra.script}</script>` : ''}
</body></html>`;
}

function badRequest(res: ServerResponse, message: string): void {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A JS string literal that cannot close the surrounding <script>. */
function scriptString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** A throwaway self-signed certificate (P-256, one day) from the system's openssl. */
async function makeCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'toggle-tax-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await promisify(execFile)(process.env.OPENSSL_PATH ?? 'openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Toggle Tax e2e stand-in',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    return { key: await readFile(keyPath), cert: await readFile(certPath) };
  } catch (error) {
    throw new Error(`Could not make a self-signed certificate with openssl (set OPENSSL_PATH?): ${String(error)}`, {
      cause: error,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
