/**
 * The harness itself: the stand-in server's routes, and reading the database across a stopped
 * service worker without disturbing what the tracker records.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { hostResolverRules, lookOf, startSaasServer, type SaasServer } from './harness/server';

describe('stand-in server', () => {
  let server: SaasServer | undefined;
  beforeAll(async () => {
    server = await startSaasServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (host: string, path: string) =>
    new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server!.port, path, headers: { host }, rejectUnauthorized: false },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('answers any host with a page named after the app', async () => {
    const slack = await get('app.slack.com', '/client/T1/C1');
    expect(slack.status).toBe(200);
    expect(slack.body).toContain('<title>Slack</title>');
    expect(slack.body).toContain('/client/T1/C1');
    expect((await get('docs.google.com', '/spreadsheets/d/1')).body).toContain('<title>Google Sheets</title>');
    expect((await get('myapps.paychex.com', '/')).body).toContain('<title>Paychex</title>');
    expect(lookOf('app.acme.io').name).toBe('Acme');
  });

  it('redirects, by 302 and by script, and routes a single-page app', async () => {
    const to = 'https://www.dropbox.com/home';
    const redirect = await get('login.okta.com', `/__redirect?to=${encodeURIComponent(to)}`);
    expect(redirect).toMatchObject({ status: 302, location: to });
    const js = await get('login.microsoftonline.com', `/__jsredirect?to=${encodeURIComponent(to)}`);
    expect(js.body).toContain(`location.replace("${to}")`);
    const spa = await get('app.slack.com', `/__spa?to=${encodeURIComponent('/client/T1/C2')}`);
    expect(spa.body).toContain(`history.pushState({}, '', "/client/T1/C2")`);
    expect((await get('app.slack.com', '/__spa?to=https://evil.example')).status).toBe(400);
  });

  it('serves a search results page that links to the results it is given', async () => {
    const to = 'https://myapps.paychex.com/landing';
    const results = await get('www.google.com', `/search?q=paychex&r=${encodeURIComponent(to)}`);
    expect(results.body).toContain('<title>Google Search</title>');
    expect(results.body).toContain(`<a href="${to}">`);
    expect((await get('www.google.com', '/search?q=paychex&r=javascript:alert(1)')).status).toBe(400);
    // Without results it is an ordinary page.
    expect((await get('www.google.com', '/search?q=paychex')).body).not.toContain('<ol id="results">');
  });

  it('builds host resolver rules', () => {
    expect(hostResolverRules(['app.slack.com', '*.dropbox.com'], 8443)).toBe(
      'MAP app.slack.com 127.0.0.1:8443, MAP *.dropbox.com 127.0.0.1:8443, EXCLUDE localhost',
    );
    expect(() => hostResolverRules(['a.com, MAP b.com'], 1)).toThrow();
  });
});

describe('extension harness', () => {
  let ext: ExtensionHarness | undefined;
  beforeAll(async () => {
    ext = await launchExtension({ hosts: ['app.slack.com'] });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('reads the database after the service worker stopped, without a tracker event', async () => {
    const harness = ext!;
    const before = await harness.trackerState();
    expect(before).toBeDefined();
    await harness.stopServiceWorker();
    expect(await harness.isWorkerRunning()).toBe(false);
    const t0 = performance.now();
    const meta = await harness.readDb('meta');
    console.log(`[e2e] read with a stopped worker in ${Math.round(performance.now() - t0)} ms`);
    expect(await harness.isWorkerRunning()).toBe(true);
    // Waking the worker to read is not attention: the tracker state is untouched.
    expect(meta).toEqual([{ key: 'tracker', value: before }]);
  });
});
