import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { welcomeOnInstall } from '@/entrypoints/background/welcome';
import { welcomeShownItem } from '@/utils/settings/items';

const welcomeTabs = async () =>
  (await fakeBrowser.tabs.query({})).filter((tab) => tab.url?.endsWith('/welcome.html')).length;

describe('the welcome page', () => {
  it.each([
    { reason: 'install', opened: 1 },
    { reason: 'update', opened: 0 },
    { reason: 'chrome_update', opened: 0 },
    { reason: 'shared_module_update', opened: 0 },
  ])('opens on $reason: $opened', async ({ reason, opened }) => {
    await welcomeOnInstall(fakeBrowser, { reason });
    expect(await welcomeTabs()).toBe(opened);
    expect(await welcomeShownItem.getValue()).toBe(opened === 1);
  });

  it('opens once in a profile, though Chromium says "install" at every start of an unpacked extension', async () => {
    await welcomeOnInstall(fakeBrowser, { reason: 'install' });
    await welcomeOnInstall(fakeBrowser, { reason: 'install' });
    expect(await welcomeTabs()).toBe(1);
  });
});
